import { z } from 'zod';
import { checkNrn } from '../registries/identifiers';

/** Documents per page of the inbox. */
export const INBOX_PAGE_SIZE = 10;
/** How long an activation link stays valid. */
export const ACTIVATION_LINK_MS = 24 * 60 * 60 * 1000;
/** The scope a client-credentials token needs to deposit documents. */
export const EBOX_SCOPE = 'ebox';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

/** POST /api/ebox/documents: what an application sends. */
export const depositBody = z.strictObject({
  /** National register number of the recipient; dots, dashes and spaces allowed. */
  recipient: z
    .string()
    .max(40)
    .transform((value, ctx) => {
      const checked = checkNrn(value);
      if (!checked.ok) {
        ctx.addIssue({ code: 'custom', message: 'not a valid national register number' });
        return z.NEVER;
      }
      return checked.value.nrn;
    }),
  title: text(200),
  /** Plain text; shown as written, line breaks kept. */
  body: z.string().min(1, 'must not be empty').max(100_000, 'at most 100000 characters').refine((v) => v.trim() !== '', 'must not be empty'),
  /** The sender's display name; by default the client's name. */
  sender: text(200).optional(),
});
export type DepositInput = z.infer<typeof depositBody>;
