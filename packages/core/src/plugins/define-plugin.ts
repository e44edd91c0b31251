// The plugin contract lives in @callwire/plugin-api; the host reads it from here.
export {
  definePlugin, isPluginDefinition,
  type PluginKind, type PluginContext, type BaseContext, type InputContext, type RecorderContext, type ExtensionContext,
  type PluginInstance, type PluginDefinition, type PluginCommand,
} from '@callwire/plugin-api';
