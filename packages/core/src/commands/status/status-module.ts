import { ContainerModule } from 'inversify';
import { ApiCommand } from '../api-command.js';
import { CallListCommand } from './calllist.js';
import { ChannelsCommand } from './channels.js';
import { DeviceListCommand } from './devicelist.js';
import { DeviceRecordingStatusCommand } from './devicerecordingstatus.js';
import { DeviceStatusCommand } from './devicestatus.js';
import { FetchTerminologyCommand } from './fetchterminology.js';
import { StationsCommand } from './stations.js';
import { SystemStatusCommand } from './systemstatus.js';

/** The Status Functions: DEVICELIST … CALLLIST. Needs callsModule and TOKENS.Settings. */
export const statusModule = new ContainerModule(({ bind }) => {
  const commands = [
    DeviceListCommand, DeviceStatusCommand, DeviceRecordingStatusCommand, SystemStatusCommand,
    ChannelsCommand, StationsCommand, FetchTerminologyCommand, CallListCommand,
  ];
  for (const command of commands) bind<ApiCommand>(ApiCommand).to(command).inSingletonScope();
});
