import { Banner } from '../../../platform/views/components/banner';
import { Button, ButtonLink, Form, Textarea, type FormErrors } from '../../../platform/views/components/form';
import { SummaryList } from '../../../platform/views/components/wizard';
import { formatDate } from '../../../platform/views/format';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import { formatNrn } from '../../../registries/identifiers';
import type { Catalog } from '../../../access/catalog/model';
import { applicationNamesIn, domainNamesIn, mandateLabel } from '../../labels';
import { mandateState } from '../../model';
import type { MandateRecord } from '../../service';
import type { PersonRow } from '../list';
import type { PersonRight } from '../rights';
import type { EnterpriseScope, Membership } from '../service';
import { EnterpriseBar } from './enterprise-bar';
import { unitsText } from './persons-page';

/** A mandate as "Gestionnaire d'accès — Finances", with the catalog's names of domains and applications. */
function useMandateText(catalog: Pick<Catalog, 'domains' | 'applications'>) {
  const { t, lang } = usePage();
  const domainName = domainNamesIn(catalog.domains, lang);
  const applicationName = applicationNamesIn(catalog.applications, lang);
  return (m: MandateRecord) => mandateLabel(t, m, null, domainName, applicationName);
}

function period(start: string, end: string | null, t: ReturnType<typeof usePage>['t']) {
  return end ? t('organisations.validity.bounded', { from: formatDate(start), until: formatDate(end) }) : t('organisations.validity.unlimited', { from: formatDate(start) });
}

/** One person of the enterprise: identity, memberships (with "end"), mandates and rights. */
export function PersonPage(props: { scope: EnterpriseScope; person: PersonRow; rights: PersonRight[]; mayAssign: boolean; catalog: Catalog; done?: string; now: Date }) {
  const { t } = usePage();
  const { enterprise } = props.scope;
  const r = props.person;
  const mandateText = useMandateText(props.catalog);
  const name = `${r.givenName} ${r.familyName}`;
  return (
    <Layout title={name}>
      <EnterpriseBar enterprise={enterprise} current="persons" sections={props.scope.sections} />
      {props.done && (
        <Banner kind="success">
          <p>{t(`members.done.${props.done === 'ended' ? 'ended' : 'added'}`)}</p>
        </Banner>
      )}
      <h1>{name}</h1>
      <SummaryList
        items={[
          { label: t('organisations.person.nrn'), value: formatNrn(r.nrn) },
          { label: t('members.filters.type'), value: t(`members.type.${r.type}`) },
          { label: t('members.filters.status'), value: t(`members.status.${r.status}`) },
        ]}
      />
      <h2>{t('members.person.memberships')}</h2>
      {r.memberships.length === 0 ? (
        <p>{t('members.person.no_membership')}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="memberships-caption" tabindex={0}>
          <table class="table">
            <caption id="memberships-caption">{t('members.person.memberships_caption', { name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('members.filters.unit')}</th>
                <th scope="col">{t('members.add.category')}</th>
                <th scope="col">{t('members.person.period')}</th>
                <th scope="col">{t('members.add.work_email')}</th>
                <th scope="col">{t('members.filters.status')}</th>
                <th scope="col">{t('organisations.managers.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {r.memberships.map((m) => (
                <MembershipRow membership={m} name={name} enterpriseNumber={enterprise.number} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('members.person.mandates')}</h2>
      {r.mandates.length === 0 ? (
        <p>{t('members.person.no_mandate')}</p>
      ) : (
        <ul>
          {r.mandates.map((m) => (
            <li>
              {mandateText(m)} · {period(m.validFrom, m.validUntil, t)} · {t(`organisations.state.${mandateState(m, props.now)}`)}
            </li>
          ))}
        </ul>
      )}
      <Rights rights={props.rights} catalog={props.catalog} scope={props.scope} name={name} linked={props.mayAssign} />
      {/* Seed 004: the person added, the next step is the right to give them. */}
      {props.mayAssign && <ButtonLink href={`/access/assign?enterprise=${enterprise.number}&person=${r.personId}`}>{t('members.person.assign')}</ButtonLink>}
      <p>
        <a href={`/organisations/${enterprise.number}/persons`}>{t('members.person.back')}</a>
      </p>
    </Layout>
  );
}

/**
 * "Droits": the person's role assignments in the enterprise (role, application, unit, start, end, status);
 * for whoever may assign roles here, each role opens its details (stop, end date, history).
 */
function Rights(props: { rights: PersonRight[]; catalog: Catalog; scope: EnterpriseScope; name: string; linked: boolean }) {
  const { t, lang } = usePage();
  const units = new Map(props.scope.units.map((u) => [u.id, u.name]));
  const roleName = (right: PersonRight) => props.catalog.role(right.applicationId, right.roleCode)?.names[lang] ?? right.roleCode;
  return (
    <>
      <h2>{t('members.person.rights')}</h2>
      {props.rights.length === 0 ? (
        <p>{t('members.person.no_right')}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="rights-caption" tabindex={0}>
          <table class="table">
            <caption id="rights-caption">{t('members.person.rights_caption', { name: props.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('members.rights.role')}</th>
                <th scope="col">{t('members.rights.application')}</th>
                <th scope="col">{t('members.filters.unit')}</th>
                <th scope="col">{t('members.rights.start')}</th>
                <th scope="col">{t('members.rights.end')}</th>
                <th scope="col">{t('members.filters.status')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rights.map((right) => (
                <tr>
                  <th scope="row">
                    {props.linked ? (
                      <a href={`/access/assignments/${right.assignmentId}`}>{roleName(right)}</a>
                    ) : (
                      roleName(right)
                    )}
                  </th>
                  <td>{props.catalog.application(right.applicationId)?.names[lang] ?? right.applicationId}</td>
                  <td>{right.unitId ? (units.get(right.unitId) ?? '—') : t('members.unit.whole')}</td>
                  <td>{formatDate(right.validFrom)}</td>
                  <td>{right.validUntil ? formatDate(right.validUntil) : t('access.unlimited')}</td>
                  <td>{t(`access.status.${right.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function MembershipRow(props: { membership: PersonRow['memberships'][number]; name: string; enterpriseNumber: string }) {
  const { t } = usePage();
  const m = props.membership;
  return (
    <tr>
      <th scope="row">{m.unitName ?? t('members.unit.whole')}</th>
      <td>{t(`members.category.${m.category}`)}</td>
      <td>{period(m.startDate, m.endDate, t)}</td>
      <td>{m.workEmail}</td>
      <td>
        {t(`members.mstatus.${m.status}`)}
        {m.endReason && ` — ${m.endReason === 'end_date_passed' ? t('members.person.automatic') : m.endReason}`}
      </td>
      <td>
        {m.endedAt === null && (
          <a href={`/organisations/${props.enterpriseNumber}/memberships/${m.id}/end`}>
            {t('members.end.link')}
            <span class="visually-hidden"> – {props.name}</span>
          </a>
        )}
      </td>
    </tr>
  );
}

/** Several persons side by side: one column each. */
export function ComparePage(props: { scope: EnterpriseScope; persons: PersonRow[]; catalog: Catalog }) {
  const { t } = usePage();
  const { enterprise } = props.scope;
  const mandateText = useMandateText(props.catalog);
  const rows: Array<[string, (r: PersonRow) => string]> = [
    [t('organisations.person.nrn'), (r) => formatNrn(r.nrn)],
    [t('members.filters.type'), (r) => t(`members.type.${r.type}`)],
    [t('members.filters.status'), (r) => t(`members.status.${r.status}`)],
    [t('members.filters.unit'), (r) => unitsText(r, t('members.unit.whole'))],
    [t('members.add.category'), (r) => (r.category ? t(`members.category.${r.category}`) : '—')],
    [t('members.persons.since'), (r) => (r.since ? formatDate(r.since) : '—')],
    [t('members.person.mandates'), (r) => r.mandates.map(mandateText).join(', ') || '—'],
  ];
  return (
    <Layout title={t('members.compare.title')}>
      <EnterpriseBar enterprise={enterprise} current="persons" sections={props.scope.sections} />
      <h1>{t('members.compare.title')}</h1>
      {props.persons.length < 2 ? (
        <p>{t('members.compare.too_few')}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="compare-caption" tabindex={0}>
          <table class="table">
            <caption id="compare-caption">{t('members.compare.caption')}</caption>
            <thead>
              <tr>
                <td />
                {props.persons.map((r) => (
                  <th scope="col">{`${r.givenName} ${r.familyName}`}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(([label, value]) => (
                <tr>
                  <th scope="row">{label}</th>
                  {props.persons.map((r) => (
                    <td>{value(r)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a href={`/organisations/${enterprise.number}/persons`}>{t('members.person.back')}</a>
      </p>
    </Layout>
  );
}

/** "Mettre fin à la relation de travail ?": the confirmation with a reason. */
export function EndPage(props: { scope: EnterpriseScope; membership: Membership; person: PersonRow; errors?: FormErrors; reason?: string }) {
  const { t } = usePage();
  const { enterprise } = props.scope;
  const name = `${props.person.givenName} ${props.person.familyName}`;
  return (
    <Layout title={t('members.end.title')}>
      <EnterpriseBar enterprise={enterprise} current="persons" sections={props.scope.sections} />
      <h1>{t('members.end.title')}</h1>
      <p>{t('members.end.text', { name, nrn: formatNrn(props.person.nrn) })}</p>
      <p>{t('members.end.consequence')}</p>
      <Form action={`/organisations/${enterprise.number}/memberships/${props.membership.id}/end`} errors={props.errors} requiredNote>
        <Textarea name="reason" label={t('members.end.reason')} required rows={3} value={props.reason ?? ''} />
        <div class="wizard__actions">
          <ButtonLink href={`/organisations/${enterprise.number}/persons/${props.person.personId}`}>{t('common.cancel')}</ButtonLink>
          <Button>{t('members.end.confirm')}</Button>
        </div>
      </Form>
    </Layout>
  );
}

/** "Supprimer utilisateur(s)": the selected persons' open relationships, ended together with one reason. */
export function EndManyPage(props: { scope: EnterpriseScope; persons: PersonRow[]; errors?: FormErrors; reason?: string }) {
  const { t } = usePage();
  const { enterprise } = props.scope;
  const back = `/organisations/${enterprise.number}/persons`;
  return (
    <Layout title={t('members.end_many.title')}>
      <EnterpriseBar enterprise={enterprise} current="persons" sections={props.scope.sections} />
      <h1>{t('members.end_many.title')}</h1>
      {props.persons.length === 0 ? (
        <>
          <p>{t('members.end_many.none')}</p>
          <ButtonLink href={back}>{t('members.person.back')}</ButtonLink>
        </>
      ) : (
        <>
          <p>{t('members.end_many.text')}</p>
          <ul>
            {props.persons.map((p) => (
              <li>
                {`${p.givenName} ${p.familyName} (${formatNrn(p.nrn)}) – ${unitsText(p, t('members.unit.whole'))}`}
              </li>
            ))}
          </ul>
          <p>{t('members.end.consequence')}</p>
          <Form action={`${back}/end`} errors={props.errors} requiredNote>
            {props.persons.map((p) => (
              <input type="hidden" name="p" value={p.personId} />
            ))}
            <Textarea name="reason" label={t('members.end.reason')} required rows={3} value={props.reason ?? ''} />
            <div class="wizard__actions">
              <ButtonLink href={back}>{t('common.cancel')}</ButtonLink>
              <Button>{t('members.end_many.confirm')}</Button>
            </div>
          </Form>
        </>
      )}
    </Layout>
  );
}
