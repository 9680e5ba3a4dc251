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
 * A report section with a button per format. A report takes seconds to make (a PDF about five):
 * while it is made the buttons wait and a status says so; the outcome is announced (status on
 * success, alert on failure) so screen reader users hear it.
 */
export function ReportDownload(props: {
  id: string;
  /** The heading's level where the section sits (2 on a page, deeper inside a form). */
  level?: 2 | 3 | 4;
  title: string;
  intro: string;
  token: string;
  choices: ReportChoice[];
  downloaded: (file: string) => string;
}) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [making, setMaking] = useState<string | null>(null);
  const Heading = `h${props.level ?? 2}` as 'h2';
  async function download(choice: ReportChoice) {
    if (making) return;
    setMaking(choice.file);
    setMessage(null);
    try {
      await downloadReport(props.token, choice.path, choice.file);
      setMessage({ ok: true, text: props.downloaded(choice.file) });
    } catch (e) {
      setMessage({ ok: false, text: errorText(e, t) });
    } finally {
      setMaking(null);
    }
  }
  return (
    <section aria-labelledby={props.id}>
      <Heading id={props.id}>{props.title}</Heading>
      <p>{props.intro}</p>
      <p className="actions">
        {props.choices.map((c) => (
          <button
            key={c.label}
            type="button"
            onClick={() => void download(c)}
            // aria-disabled, not disabled: the button keeps its focus while the report is made.
            aria-disabled={making !== null}
            aria-busy={making === c.file}
          >
            {c.label}
          </button>
        ))}
      </p>
      {making && (
        <p role="status" className="notice">
          <span className="spinner" aria-hidden="true" /> {t('download.making', { file: making })}
        </p>
      )}
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'notice' : 'notice notice-error'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
