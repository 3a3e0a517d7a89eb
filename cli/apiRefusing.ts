/** The API commands' one way to turn a refused file or value (ApiFileError) into a usage error. */
import { ApiFileError, describeApiError } from "../core/api/cfnYaml";
import type { Localizer } from "../core/i18n/localizer";
import { UsageError } from "./command";

/** Runs `work`; an ApiFileError (a file or value refused) is a usage error with its file and line. */
export function refusing<T>(loc: Localizer, work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof ApiFileError) throw new UsageError(describeApiError(err, loc));
    throw err;
  }
}
