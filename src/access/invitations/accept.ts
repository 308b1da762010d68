import { personById } from '../../identity/service';
import { today } from '../../organisations/model';
import type { ActorRef, Unit } from '../../organisations/service';
import { unitsOf } from '../../organisations/members/service';
import type { AppContext } from '../../platform/context';
import { AppError, NotFoundError } from '../../platform/errors';
import type { Lang } from '../../platform/i18n/languages';
import { catalogOf, type Application, type Role } from '../catalog/service';
import { requestAssignments, type Outcome } from '../service';
import { acceptedValidity, hashToken, invitationState, lastDayOf, roleKey, TOKEN_PATTERN, type InvitationState } from './model';
import { enterpriseName } from './service';
import * as store from './store';
import type { Invitation } from './store';

/*
 * The public side of an invitation: what its link shows, and accepting it
 * (seed 001, "Sous-étape 2 : accepter l'invitation").
 */

const fullName = (p: { givenName: string; familyName: string }) => `${p.givenName} ${p.familyName}`;

export interface OfferedByLink {
  enterpriseNumber: string;
  enterpriseName: string;
  role: Role | undefined;
  application: Application | undefined;
  unit: Unit | undefined;
}

export interface PublicInvitation {
  invitation: Invitation;
  state: InvitationState;
  lastDay: string;
  inviter: string;
  roles: OfferedByLink[];
}

/**
 * The invitation behind a link, or undefined for a malformed, unknown or
 * wrong secret alike (the page then says the same thing for all three).
 */
export async function invitationByToken(ctx: AppContext, token: string, lang: Lang): Promise<PublicInvitation | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const invitation = await store.findByTokenHash(ctx.db, hashToken(token));
  if (!invitation) return undefined;
  const catalog = await catalogOf(ctx);
  const inviter = await personById(ctx, invitation.createdBy);
  const rows = (await store.rolesOf(ctx.db, [invitation.id])).get(invitation.id) ?? [];
  const names = new Map<string, string>();
  const units = new Map<string, Unit[]>();
  const roles: OfferedByLink[] = [];
  for (const r of rows) {
    if (!names.has(r.enterpriseNumber)) {
      names.set(r.enterpriseNumber, await enterpriseName(ctx, r.enterpriseNumber, lang));
      units.set(r.enterpriseNumber, await unitsOf(ctx, r.enterpriseNumber));
    }
    roles.push({
      enterpriseNumber: r.enterpriseNumber,
      enterpriseName: names.get(r.enterpriseNumber)!,
      role: catalog.role(r.applicationId, r.roleCode),
      application: catalog.application(r.applicationId),
      unit: r.unitId ? units.get(r.enterpriseNumber)!.find((u) => u.id === r.unitId) : undefined,
    });
  }
  const now = ctx.clock.now();
  return { invitation, state: invitationState(invitation, now), lastDay: lastDayOf(invitation.expiresAt), inviter: inviter ? fullName(inviter) : '', roles };
}

/** What a person already asked through this invitation (empty: not accepted yet). */
export async function acceptanceOf(ctx: AppContext, invitationId: string, personId: string) {
  return store.acceptedBy(ctx.db, invitationId, personId);
}

/**
 * Accepts an invitation for the identified person: each role becomes a
 * request that waits for a manager (requestAssignments, via "invitation"),
 * with the contact address given. Roles the person already holds or asked
 * for are left out. Refused when the link is closed, its period is over,
 * or this person already accepted it.
 */
export async function acceptInvitation(ctx: AppContext, who: ActorRef, token: string, input: { contactEmail: string }, options: { requestId?: string } = {}): Promise<Outcome[]> {
  const invitation = TOKEN_PATTERN.test(token) ? await store.findByTokenHash(ctx.db, hashToken(token)) : undefined;
  if (!invitation) throw new NotFoundError('access.invitations.public.unknown');
  const now = ctx.clock.now();
  if (invitationState(invitation, now) !== 'open') throw new AppError('access.invitations.errors.closed', 409);
  const validity = acceptedValidity(invitation, today(now));
  if (!validity) throw new AppError('access.invitations.errors.period_over', 409);
  if ((await store.acceptedBy(ctx.db, invitation.id, who.personId)).length > 0) throw new AppError('access.invitations.errors.already_accepted', 409);
  const rows = (await store.rolesOf(ctx.db, [invitation.id])).get(invitation.id) ?? [];
  const held = await store.liveRightsOf(ctx.db, who.personId, [...new Set(rows.map((r) => r.enterpriseNumber))]);
  const wanted = rows.filter((r) => !held.has(`${roleKey(r)}/${r.unitId ?? ''}`));
  if (wanted.length === 0) throw new AppError('access.invitations.errors.nothing_left', 409);
  return requestAssignments(
    ctx,
    who,
    wanted.map((r) => ({ personId: who.personId, ...r, ...validity, contactEmail: input.contactEmail })),
    { via: 'invitation', invitationId: invitation.id, requestId: options.requestId },
  );
}
