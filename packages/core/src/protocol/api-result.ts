// What a function answers is part of the plugin contract (@callwire/plugin-api).
export { apiResult, apiOk, type ApiResult, type ResultBody, type ResultValue } from '@callwire/plugin-api';
