import { LANGUAGE_NAMES, LANGUAGES } from '../../i18n/languages';
import { Banner } from '../../views/components/banner';
import { Button, Checkboxes, DateInput, EmailInput, Form, Radios, Select, Textarea, TextInput } from '../../views/components/form';
import { formValue, formValues, type FormBody, type FormErrors } from '../../views/form-data';
import { usePage } from '../../views/page-context';
import { CONTACT_CHANNELS, TOPICS } from '../schemas';
import { DemoPage } from './gallery';

const TOPIC_LABELS = { keys: 'home.keys.title', access: 'home.access.title', apps: 'home.apps.title' } as const;

/** Every kind of field, validated on the server, with the error summary on bad input. */
export function FormPage(props: { values: FormBody; errors?: FormErrors; done?: boolean }) {
  const { t } = usePage();
  const v = (name: string) => formValue(props.values, name);
  return (
    <DemoPage title={t('dev.form.title')}>
      {props.done && <Banner kind="success"><p>{t('dev.form.done')}</p></Banner>}
      <p>{t('dev.form.intro')}</p>
      <Form action="/dev/components/form" errors={props.errors} requiredNote>
        <TextInput name="nrn" label={t('dev.form.nrn')} hint={t('dev.form.nrn_hint')} required value={v('nrn')} width="medium" inputmode="numeric" autocomplete="off" />
        <EmailInput name="email" label={t('dev.form.email')} value={v('email')} />
        <Select
          name="language"
          label={t('dev.form.language')}
          placeholder={t('dev.form.language_choose')}
          value={v('language')}
          options={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))}
        />
        <Radios
          name="contact"
          label={t('dev.form.contact')}
          required
          value={v('contact')}
          options={CONTACT_CHANNELS.map((channel) => ({ value: channel, label: t(`dev.form.contact.${channel}`) }))}
        />
        <Checkboxes
          name="topics"
          label={t('dev.form.topics')}
          hint={t('dev.form.topics_hint')}
          values={formValues(props.values, 'topics')}
          options={TOPICS.map((topic) => ({ value: topic, label: t(TOPIC_LABELS[topic]) }))}
        />
        <DateInput name="start" label={t('dev.form.start')} value={v('start')} />
        <Textarea name="message" label={t('dev.form.message')} hint={t('dev.form.message_hint')} value={v('message')} />
        <Button>{t('common.save')}</Button>
      </Form>
    </DemoPage>
  );
}
