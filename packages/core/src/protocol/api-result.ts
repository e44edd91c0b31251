// What a function answers is part of the plugin contract (@callwire/plugin-api).
export { apiResult, apiOk, apiFile, type ApiResult, type ResultBody, type ResultValue, type ResultStream } from '@callwire/plugin-api';
