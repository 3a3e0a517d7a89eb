import { format } from "util";
import type { MessageArg } from "../problem";

/** Formats a message key with arguments; the same contract as `tl.loc`. */
export type Localizer = (key: string, ...args: MessageArg[]) => string;

/** The parts of a task.json that hold its English messages. */
export interface TaskStrings {
  messages?: Record<string, string>;
}

/** A resjson file: `loc.messages.<Key>` entries (and the task's UI strings, ignored here). */
export type ResJson = Record<string, string>;

/**
 * Builds the message table the agent would use for a culture: task.json `messages` (English),
 * overlaid by `loc.messages.*` of the culture's resjson, exactly as azure-pipelines-task-lib
 * does it. Lets the CLI print the same text as the task, from the same files.
 */
export function messageTable(task: TaskStrings, culture?: ResJson): Record<string, string> {
  const table: Record<string, string> = { ...(task.messages ?? {}) };
  if (culture) {
    for (const [key, value] of Object.entries(culture)) {
      if (key.startsWith("loc.messages.")) table[key.slice("loc.messages.".length)] = value;
    }
  }
  return table;
}

/** A localizer over a message table; an unknown key prints itself so nothing is lost. */
export function localizer(table: Record<string, string>): Localizer {
  return (key, ...args) => {
    const text = table[key];
    if (text === undefined) return args.length ? `${key} ${args.join(" ")}` : key;
    return args.length ? format(text, ...args) : text;
  };
}

export { cultureFromLocale, languageOf } from "./culture";
