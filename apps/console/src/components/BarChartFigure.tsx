import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface Series {
  key: string;
  label: string;
  colour: string;
}

/**
 * A bar chart with its figures as a table beside it. The drawing is hidden from assistive
 * technology; the table (with headers) is what screen readers and keyboard users get.
 */
type Row = Record<string, string | number | null>;

export function BarChartFigure({
  id,
  title,
  rows,
  category,
  categoryLabel,
  series,
  horizontal = false,
  nullLabel = '–',
}: {
  id: string;
  title: string;
  rows: Row[];
  category: string;
  categoryLabel: string;
  series: Series[];
  horizontal?: boolean;
  /** What a table cell says for null (the board's suppressed small counts). */
  nullLabel?: string;
}) {
  const height = horizontal ? Math.max(160, rows.length * 36 + 60) : 280;
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <div className="chart-drawing" aria-hidden="true">
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={rows} layout={horizontal ? 'vertical' : 'horizontal'} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            {horizontal ? (
              <>
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey={category} width={220} tick={{ fontSize: 12 }} />
              </>
            ) : (
              <>
                <XAxis dataKey={category} tick={{ fontSize: 12 }} />
                <YAxis allowDecimals={false} />
              </>
            )}
            <Tooltip />
            <Legend />
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.colour} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{categoryLabel}</th>
              {series.map((s) => (
                <th scope="col" key={s.key}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={String(row[category])}>
                <th scope="row">{row[category]}</th>
                {series.map((s) => (
                  <td key={s.key} className="num">
                    {row[s.key] ?? nullLabel}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
