import type { Generated } from 'kysely';
import type {
  AuthThrottlesTable,
  DigitalKeysTable,
  OneTimeCodesTable,
  PasskeyCredentialsTable,
  PasswordCredentialsTable,
  SsoSessionsTable,
  TokenCardsTable,
  TotpCredentialsTable,
} from '../../authn/tables';
import type { SecurityCodeDestinationsTable } from '../../authn/codes/tables';
import type { EidDemoAuthoritiesTable, EidDemoCardsTable, EidHandoffsTable } from '../../authn/eid/tables';
import type { PasskeyChallengesTable } from '../../authn/passkey/tables';
import type { PersonsTable } from '../../identity/tables';
import type { EnterprisesTable, MandatesTable, UnitsTable } from '../../organisations/tables';
import type { MembershipsTable } from '../../organisations/members/tables';
import type { OidcClientsTable, OidcModelInstancesTable, OidcSigningKeysTable } from '../../oidc/tables';
import type { CatalogApplicationsTable, CatalogDomainsTable, CatalogRolesTable } from '../../access/catalog/tables';
import type {
  AssignmentHistoryTable,
  AssignmentRequestsTable,
  InvitationPersonsTable,
  InvitationRolesTable,
  InvitationsTable,
  InvitationTemplatesTable,
  RoleAssignmentCountsTable,
  RoleAssignmentsTable,
} from '../../access/tables';
import type { SamlParticipantsTable, SamlRequestsTable, SamlServiceProvidersTable, SamlSigningKeysTable } from '../../saml/tables';
import type { PortalProblemReportsTable } from '../../portal/tables';
import type { EboxAccountsTable, EboxDocumentsTable } from '../../ebox/tables';
import type { AuditEventsTable } from '../audit/table';
import type { DevMailboxTable, OutboxMessagesTable } from '../outbox/tables';
import type {
  RegisterAddressesTable,
  RegisterCodesTable,
  RegisterDenominationsTable,
  RegisterEnterprisesTable,
  RegisterEstablishmentsTable,
  RegisterLegalFunctionsTable,
  RegisterPersonsTable,
} from '../../registries/tables';

/** Every table, as Kysely sees it. Each module declares its own tables next to its store. */
export interface Database {
  settings: { key: string; value: string; created_at: Generated<Date> };
  outbox_messages: OutboxMessagesTable;
  dev_mailbox: DevMailboxTable;
  audit_events: AuditEventsTable;
  register_persons: RegisterPersonsTable;
  register_enterprises: RegisterEnterprisesTable;
  register_establishments: RegisterEstablishmentsTable;
  register_denominations: RegisterDenominationsTable;
  register_addresses: RegisterAddressesTable;
  register_codes: RegisterCodesTable;
  register_legal_functions: RegisterLegalFunctionsTable;
  persons: PersonsTable;
  sso_sessions: SsoSessionsTable;
  auth_throttles: AuthThrottlesTable;
  digital_keys: DigitalKeysTable;
  password_credentials: PasswordCredentialsTable;
  totp_credentials: TotpCredentialsTable;
  one_time_codes: OneTimeCodesTable;
  token_cards: TokenCardsTable;
  passkey_credentials: PasskeyCredentialsTable;
  security_code_destinations: SecurityCodeDestinationsTable;
  oidc_model_instances: OidcModelInstancesTable;
  oidc_signing_keys: OidcSigningKeysTable;
  oidc_clients: OidcClientsTable;
  eid_handoffs: EidHandoffsTable;
  eid_demo_authorities: EidDemoAuthoritiesTable;
  eid_demo_cards: EidDemoCardsTable;
  passkey_challenges: PasskeyChallengesTable;
  enterprises: EnterprisesTable;
  units: UnitsTable;
  mandates: MandatesTable;
  memberships: MembershipsTable;
  saml_service_providers: SamlServiceProvidersTable;
  saml_signing_keys: SamlSigningKeysTable;
  saml_requests: SamlRequestsTable;
  saml_participants: SamlParticipantsTable;
  catalog_domains: CatalogDomainsTable;
  catalog_applications: CatalogApplicationsTable;
  catalog_roles: CatalogRolesTable;
  role_assignments: RoleAssignmentsTable;
  role_assignment_counts: RoleAssignmentCountsTable;
  assignment_requests: AssignmentRequestsTable;
  assignment_history: AssignmentHistoryTable;
  invitations: InvitationsTable;
  invitation_roles: InvitationRolesTable;
  invitation_persons: InvitationPersonsTable;
  invitation_templates: InvitationTemplatesTable;
  portal_problem_reports: PortalProblemReportsTable; ebox_accounts: EboxAccountsTable; ebox_documents: EboxDocumentsTable;
}
