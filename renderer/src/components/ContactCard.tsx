// Everything Concord knows about one contact, laid out for reading: name and work at the top,
// then the ways to reach them, then dates, people, groups and notes. Labels go through the
// catalogue (well-known ones are translated, custom ones shown as the user typed them). Below: which
// accounts hold a copy, and the field history with Restore.
import type { ReactNode } from 'react';
import type { HeldRecord } from '../../../shared/api/contract.ts';
import type { Contact } from '../../../shared/model/contact.ts';
import { useT } from '../i18n/index.ts';
import { addressLines } from './address.ts';
import { Avatar } from './Avatar.tsx';
import { DetailList, DetailSection } from './DetailSection.tsx';
import { FieldHistory } from './setup/FieldHistory.tsx';

/** Only web links become links: the desktop app opens https in the system browser and nothing else. */
function webLink(url: string): ReactNode {
  return /^https?:\/\//i.test(url) ? (
    <a href={url} target="_blank" rel="noreferrer">
      {url}
    </a>
  ) : (
    url
  );
}

export function ContactCard(props: { contact: Contact; records?: readonly HeldRecord[]; busy: boolean }): ReactNode {
  const t = useT();
  const { contact } = props;
  const f = contact.fields;
  const work = f.organizations[0];
  const role = work ? [work.title, work.department, work.name].map((s) => s.trim()).filter(Boolean).join(' · ') : '';
  const phonetic = [f.name.phoneticFamily, f.name.phoneticGiven, f.name.phoneticMiddle].filter(Boolean).join(' ');
  const birthday = f.birthday ? t.partialDate(f.birthday) : '';

  return (
    <article className="details-pane" aria-busy={props.busy} aria-labelledby="contact-details-name">
      <header className="details-header">
        <Avatar name={contact.displayName} seed={contact.id} size="large" />
        <div className="details-heading">
          <h2 id="contact-details-name">{contact.displayName || t('contacts.unnamed')}</h2>
          {phonetic && <p className="details-phonetic">{phonetic}</p>}
          {role && <p className="details-role">{role}</p>}
        </div>
      </header>

      {f.nicknames.length > 0 && (
        <DetailSection title={t('details.nicknames')}>
          <p className="selectable">{f.nicknames.join(t.locale === 'zh-CN' ? '、' : ', ')}</p>
        </DetailSection>
      )}
      <DetailList
        title={t('details.emails')}
        items={f.emails.map((e, i) => ({ key: i, value: <a href={`mailto:${e.value}`}>{e.value}</a>, label: t.label(e.label) }))}
      />
      <DetailList title={t('details.phones')} items={f.phones.map((p, i) => ({ key: i, value: p.value, label: t.label(p.label) }))} />
      <DetailList
        title={t('details.addresses')}
        items={f.addresses.map((a, i) => ({
          key: i,
          value: addressLines(a).map((line, n) => <span key={n} className="address-line">{line}</span>),
          label: t.label(a.label),
        }))}
      />
      {f.organizations.length > 1 && (
        <DetailList
          title={t('details.organizations')}
          items={f.organizations.map((o, i) => ({ key: i, value: [o.name, o.department].filter(Boolean).join(' · '), label: o.title }))}
        />
      )}
      {birthday && (
        <DetailSection title={t('details.birthday')}>
          <p className="selectable">{birthday}</p>
        </DetailSection>
      )}
      <DetailList title={t('details.dates')} items={f.dates.map((d, i) => ({ key: i, value: t.partialDate(d.date), label: t.label(d.label) }))} />
      <DetailList title={t('details.urls')} items={f.urls.map((u, i) => ({ key: i, value: webLink(u.value), label: t.label(u.label) }))} />
      <DetailList title={t('details.ims')} items={f.ims.map((m, i) => ({ key: i, value: m.value, label: [m.service, t.label(m.label)].filter(Boolean).join(' · ') }))} />
      <DetailList title={t('details.relations')} items={f.relations.map((r, i) => ({ key: i, value: r.value, label: t.label(r.label) }))} />
      {f.groups.length > 0 && (
        <DetailSection title={t('details.groups')}>
          <ul className="chips">
            {f.groups.map((g) => (
              <li key={g} className="chip">
                {g}
              </li>
            ))}
          </ul>
        </DetailSection>
      )}
      <DetailList title={t('details.customFields')} items={f.customFields.map((c, i) => ({ key: i, value: c.value, label: c.key }))} />
      {f.note && (
        <DetailSection title={t('details.note')}>
          <p className="detail-note selectable">{f.note}</p>
        </DetailSection>
      )}
      {props.records && props.records.length > 0 && (
        <DetailSection title={t('setup.heldBy')}>
          <ul className="detail-values held-by" data-testid="held-by">
            {props.records.map((r) => (
              <li key={r.accountId}>
                <span className="detail-value">{r.accountName}</span>
                <span className="detail-label">{t(`accounts.kind.${r.kind}`)}</span>
              </li>
            ))}
          </ul>
        </DetailSection>
      )}
      <FieldHistory id={contact.id} fields={f} version={contact.updatedAt} />
      <footer className="details-footer">{t('details.updated', { date: t.dateTime(contact.updatedAt) })}</footer>
    </article>
  );
}
