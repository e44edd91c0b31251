import { ContainerModule } from 'inversify';
import { ApiCommand } from './api-command.js';
import { ApiDispatcher } from './api-dispatcher.js';
import { DeprecatedFunction, DEPRECATED_FUNCTIONS } from './deprecated-functions.js';
import { TestCommand } from './system/test-command.js';

/** Binds the dispatcher and the built-in functions of the command registry. */
export const commandsModule = new ContainerModule(({ bind }) => {
  bind(ApiDispatcher).toSelf().inSingletonScope();
  bind<ApiCommand>(ApiCommand).to(TestCommand).inSingletonScope();
  for (const entry of DEPRECATED_FUNCTIONS) {
    bind<ApiCommand>(ApiCommand).toConstantValue(new DeprecatedFunction(entry));
  }
});
