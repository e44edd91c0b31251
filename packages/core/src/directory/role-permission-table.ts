/**
 * The manual's MODIFYROLEPERMISSION table, as data: every PERMISSIONNAME the
 * API accepts, how the Discover Web Portal shows it, and the product it
 * belongs to. Names are kept exactly as the manual prints them, including
 * ALLWSURVEYEDIT and EMPLOYEEESCHEDULEALLEEDIT: clients written from the
 * manual send those spellings.
 */

/** One row of the table. */
export interface RolePermission {
  /** PERMISSIONNAME as the API takes it. */
  readonly name: string;
  /** "Value in Discover Web Portal". */
  readonly portalName: string;
  /** The product the manual says the permission applies to. */
  readonly product: RolePermissionProduct;
  /** A permission a role must hold before this one can be granted. */
  readonly requires?: string;
}

export type RolePermissionProduct =
  | 'inContact WFO'
  | 'inContact Screen Recording'
  | 'inContact On-Demand'
  | 'inContact Speech Analytics'
  | 'inContact Survey'
  | 'inContact Desktop Analytics'
  | 'inContact WFM v1';

type Row = readonly [name: string, portalName: string, requires?: string];

const SECTIONS: readonly (readonly [RolePermissionProduct, readonly Row[]])[] = [
  ['inContact WFO', [
    ['ALLOWCHANGEPASSWORD', 'Allow Password Changes'],
    ['ALLOWQAVIEW', 'Allow Viewing of QA Evaluations'],
    ['CALLREPORTING', 'Allow Viewing Call Reports'],
    ['QAREPORTING', 'Allow Viewing QA Reports'],
    ['VIEWOWNRECORDS', "Allow Viewing of User's Own Records"],
    ['ALLOWAGENTADMIN', 'Allow User Administration'],
    ['ALLOWAPIAUTH', 'Allow API Authentication'],
    ['ALLOWARCHIVEADMIN', 'Allow Archive Administration'],
    ['ALLOWCOMMENT', 'Allow Bookmarking'],
    ['ALLOWEDITCOMPLETEDQA', 'Allow Editing of Completed QA Evaluations'],
    ['ALLOWEXPORTDOWNLOAD', 'Allow Downloading of Export'],
    ['ALLOWEXPORTEMAIL', 'Allow Emailing of Export'],
    ['ALLOWFILEDELETE', 'Allow Recording Record and File Deletes'],
    ['ALLOWGROUPADMIN', 'Allow Group Administration'],
    ['ALLOWLIVEMONITOR', 'Allow Live Monitoring of Calls'],
    ['ALLOWQAEDIT', 'Allow QA Form Administration', 'ALLOWQAVIEW'],
    ['ALLOWQADELETE', 'Allow Deletion of Completed QA Evaluations'],
    ['ALLOWSYSTEMCONFIG', 'Allow System Configuration'],
    ['ALLOWSYSTEMREPORTS', 'Allow Viewing System Reports'],
    ['ALLOWVIEWALLRECORDS', 'Allow Viewing All Call Records & QA Evaluations'],
    ['AUDITREPORTING', 'Allow Viewing Audit Reports'],
    ['CONTENTUPLOAD', 'Allow Content Library Management'],
    ['REPORTSUBSCRIPTION', 'Allow Report Subscriptions'],
    ['ALLOWWIDGETADMINISTRATION', 'Allow Widget Administration'],
  ]],
  ['inContact Screen Recording', [
    ['ALLOWVIEWVIDEO', 'Allow Viewing of Video'],
  ]],
  ['inContact On-Demand', [
    ['ALLOWBLACKOUT', 'Allow Blackout Start and Stop'],
    ['ALLOWRECORDINGALIAS', 'Allow Recording by Device Alias'],
    ['ALLOWRECORDDESKTOP', 'Allow Desktop Recording'],
    ['ALLOWRECORDID', 'Allow Recording by Device ID'],
    ['ALLOWRECORDSTOP', 'Allow Recording Stop'],
    ['ALLOWUPDATEAUDIO', 'Allow Call Updates'],
    ['PROMPTID', 'Prompt for Device at Login'],
    ['SECUREALL', 'Prevent Settings Changes'],
    ['SECUREID', 'Prevent Device ID Changes'],
    ['ALLOWWEBONDEMAND', 'Allow Web On Demand'],
  ]],
  ['inContact Speech Analytics', [
    ['ANALYTICSREPORTING', 'Allow Viewing Analytics Reports'],
    ['ALLOWVIEWANALYTICS', 'Allow Analytics View'],
    ['ALLOWANALYTICSADMIN', 'Allow Analytics Administration'],
  ]],
  ['inContact Survey', [
    ['SURVEYREPORTING', 'Allow Viewing Survey Reports'],
    ['ALLWSURVEYEDIT', 'Allow Editing Surveys'],
    ['ALLWSURVEYADMIN', 'Allow Survey Administration'],
    ['ALLWSURVEYDELETE', 'Allow Deleting Surveys'],
    ['ALLWSURVEYVIEW', 'Allow Viewing Surveys'],
  ]],
  ['inContact Desktop Analytics', [
    ['ALLOWFUSIONADMIN', 'Allow Fusion Administration'],
  ]],
  ['inContact WFM v1', [
    ['CONFIGURATIONSECTION', 'Configuration Section'],
    ['EDITNEWSWIDGET', 'Edit News Widget'],
    ['EMPLOYEECREATE', 'Employee Create'],
    ['EMPLOYEEPROFILEALLVIEW', 'Employee Profile All View'],
    ['EMPLOYEEPROFILETEAMVIEW', 'Employee Profile Team View'],
    ['EMPLOYEEESCHEDULEALLEEDIT', 'Employee Schedule All Edit'],
    ['EMPLOYEEESCHEDULEALLVIEW', 'Employee Schedule All View'],
    ['EMPLOYEEESCHEDULETEAMEDIT', 'Employee Schedule Team Edit'],
    ['EMPLOYEEESCHEDULETEAMVIEW', 'Employee Schedule Team View'],
    ['EMPLOYEESEARCH', 'Employee Search'],
    ['EMPLOYEESECTION', 'Employee Section'],
    ['EMPLOYEESELFEDIT', 'Employee Self Edit'],
    ['FORECASTACQUIRE', 'Forecast Acquire'],
    ['FORECASTPREDICT', 'Forecast Predict'],
    ['FORECASTSECTION', 'Forecast Section'],
    ['FORECASTTREND', 'Forecast Trend'],
    ['HISTORICALWIDGETS', 'Historical Widgets'],
    ['HOMEPAGEWIDGETS', 'Home Page Widgets'],
    ['LEAVEREQUESTAPPROVALALL', 'Leave Request Approval All'],
    ['LEAVEREQUESTAPPROVALTEAM', 'Leave Request Approval Team'],
    ['REALTIMEWIDGETS', 'Real Time Widgets'],
    ['REPORTSHISTORICAL', 'Reports Historical'],
    ['REPORTSPROCESSES', 'Reports Processes'],
    ['REPORTSREALTIME', 'Reports Real Time'],
    ['REPORTSSECTION', 'Reports Section'],
    ['ROSTERALL', 'Roster All'],
    ['ROSTERTEAM', 'Roster Team'],
    ['SCHEDULECREATE', 'Schedule Create'],
    ['SCHEDULELOAD', 'Schedule Load'],
    ['SCHEDULEPUBLISH', 'Schedule Publish'],
    ['SCHEDULESECTION', 'Schedule Section'],
    ['SWAPREQUESTAPPROVALALL', 'Swap Request Approval All'],
    ['SWAPREQUESTAPPROVALTEAM', 'Swap Request Approval Team'],
  ]],
];

/** Every permission of the manual's table, in its order. */
export const ROLE_PERMISSIONS: readonly RolePermission[] = SECTIONS.flatMap(([product, rows]) =>
  rows.map(([name, portalName, requires]) => ({ name, portalName, product, ...(requires ? { requires } : {}) })),
);

const BY_NAME = new Map(ROLE_PERMISSIONS.map((permission) => [permission.name, permission]));

/** The permission a PERMISSIONNAME names (case-insensitive, trimmed), or undefined when the table has none. */
export function rolePermission(name: string): RolePermission | undefined {
  return BY_NAME.get(name.trim().toUpperCase());
}
