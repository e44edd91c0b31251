// The manual's result codes are part of the plugin contract (@callwire/plugin-api).
export { RESULT_CODES, resultCodeOf, isSuccess, resultTypeOf, type ResultType } from '@callwire/plugin-api';
