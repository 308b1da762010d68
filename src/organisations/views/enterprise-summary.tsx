import type { Enterprise, RegisterAddress } from '../../registries/ports';
import { formatEnterpriseNumber } from '../../registries/identifiers';
import { SummaryList } from '../../platform/views/components/wizard';
import { usePage } from '../../platform/views/page-context';

export function addressLines(address: RegisterAddress | null): string[] {
  if (!address) return [];
  const street = [address.street, address.houseNumber, address.box ? `bte ${address.box}` : null].filter(Boolean).join(' ');
  const town = [address.zipcode, address.municipality].filter(Boolean).join(' ');
  return [street, town, address.country ?? ''].filter((line) => line !== '');
}

/** "L'entreprise": number, name and registered office, as the register has them. */
export function EnterpriseSummary(props: { enterprise: Enterprise }) {
  const { t } = usePage();
  const { enterprise } = props;
  return (
    <SummaryList
      items={[
        { label: t('organisations.enterprise.number'), value: formatEnterpriseNumber(enterprise.number) },
        { label: t('organisations.enterprise.name'), value: enterprise.name ?? '—' },
        {
          label: t('organisations.enterprise.address'),
          value: addressLines(enterprise.address).map((line, i) => (
            <>
              {i > 0 && <br />}
              {line}
            </>
          )),
        },
      ]}
    />
  );
}
