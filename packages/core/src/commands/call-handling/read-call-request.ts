/** How a call-handling request's parameters become a CallIdentity and CallData: the kit's reading, shared with input plugins. */
export { readCallData, readCallIdentity } from '@callwire/plugin-kit';
