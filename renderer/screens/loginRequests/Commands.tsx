import { useCommands, type Command } from '../../app/commands';

/** Registers commands where it is rendered: inside a Dialog they belong to the dialog's scope. */
export function Commands({ list }: { list: Command[] }) {
  useCommands(list);
  return null;
}
