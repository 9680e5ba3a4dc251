import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadReport } from '../api';
import { errorText } from './ErrorNotice';

/** One way to download a report: the button's label, the hub path and the file name it saves as. */
export interface ReportChoice {
  label: string;
  path: string;
  file: string;
}

/**
 * A report section with a button per format; the outcome is announced (status on success,
 * alert on failure) so screen reader users hear it.
 */
export function ReportDownload(props: {
  id: string;
  title: string;
  intro: string;
  token: string;
  choices: ReportChoice[];
  downloaded: (file: string) => string;
}) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  async function download(choice: ReportChoice) {
    try {
      await downloadReport(props.token, choice.path, choice.file);
      setMessage({ ok: true, text: props.downloaded(choice.file) });
    } catch (e) {
      setMessage({ ok: false, text: errorText(e, t) });
    }
  }
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <p>{props.intro}</p>
      <p className="actions">
        {props.choices.map((c) => (
          <button key={c.label} type="button" onClick={() => void download(c)}>
            {c.label}
          </button>
        ))}
      </p>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'notice' : 'notice notice-error'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
