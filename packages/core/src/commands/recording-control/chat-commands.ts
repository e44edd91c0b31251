import { ChatService, type ChatAgentKey } from '../../chat/chat-service.js';
import type { CallData } from '../../calls/call-fields.js';
import type { FanoutOutcome } from '../../cores/core-registry.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiResult, type ApiResult } from '../../protocol/api-result.js';
import type { ApiCommand } from '../api-command.js';
import { coreResult } from '../call-handling/call-results.js';
import { readCallData } from '../call-handling/read-call-request.js';

type ChatAction = (chat: ChatService, sessionId: string, request: ApiRequest) => Promise<FanoutOutcome>;

function agentKey(request: ApiRequest): ChatAgentKey {
  const agentId = request.nonBlank('AGENTID');
  return { agentId: agentId === undefined ? undefined : Number(agentId), keyName: request.nonBlank('KEYNAME'), keyValue: request.nonBlank('KEYVALUE') };
}

/** CHATUPDATE's fields: the call fields the manual lists for it. */
function chatData(request: ApiRequest): CallData {
  const { deviceAlias, group, gate, ani, dnis, users, direction, callId } = readCallData(request);
  return { deviceAlias, group, gate, ani, dnis, users, direction, callId };
}

/** The three chat functions. */
export const CHAT_FUNCTIONS: Readonly<Record<string, ChatAction>> = {
  CHATSTART: (chat, sessionId, request) => chat.start(sessionId, agentKey(request), chatData(request)),
  CHATUPDATE: (chat, sessionId, request) => chat.update(sessionId, chatData(request)),
  CHATSTOP: (chat, sessionId) => chat.stop(sessionId),
};

/** CHATSTART / CHATUPDATE / CHATSTOP: desktop-screen-capture-only sessions keyed by the client's SESSIONID. */
export class ChatCommand implements ApiCommand {
  constructor(
    readonly type: string,
    private readonly chat: ChatService,
  ) {}

  handle(request: ApiRequest): Promise<ApiResult> | ApiResult {
    const sessionId = request.nonBlank('SESSIONID');
    if (sessionId === undefined) return apiResult('API_SESSIONID_UNSPECIFIED', `${this.type} needs a SESSIONID`);
    return this.send(sessionId, request);
  }

  private async send(sessionId: string, request: ApiRequest): Promise<ApiResult> {
    const outcome = await CHAT_FUNCTIONS[this.type]!(this.chat, sessionId, request);
    if (outcome.answered.length === 0 && outcome.failed.length === 0) {
      return apiResult('API_ERROR_RECORDER_NOT_RUNNING', `${this.type} could not be sent to any recorder core: none records screens (configure a screen-capture core such as screen-metadata)`);
    }
    return coreResult(this.type, outcome);
  }
}
