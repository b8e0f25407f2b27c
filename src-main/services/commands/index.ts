export { CommandPath, type CommandSpec, type CommandPathDeps } from './command-path';
