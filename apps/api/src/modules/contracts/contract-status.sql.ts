import { DEFAULT_EXPIRING_WITHIN_DAYS } from '@covered/domain'

/**
 * The domain's contractStatus as a SQL expression, for filtering and counting in the database.
 * `contract` is the alias of a contracts row, `today` a SQL date expression (the customer's desk date).
 * The current term is the one started most recently, else the first; a test checks this agrees with
 * packages/domain on every boundary.
 */
export function contractStatusSql(contract: string, today: string): string {
  return `(SELECT CASE
      WHEN cur.cancelled_on IS NOT NULL AND ${today} >= cur.cancelled_on THEN 'CANCELLED'
      WHEN ${today} < cur.start_date THEN 'UPCOMING'
      WHEN ${today} > cur.end_date THEN CASE WHEN cur.renewed THEN 'UPCOMING' ELSE 'LAPSED' END
      WHEN cur.renewed THEN 'ACTIVE'
      WHEN cur.end_date - ${today} + 1 <= ${DEFAULT_EXPIRING_WITHIN_DAYS} THEN 'EXPIRING'
      ELSE 'ACTIVE' END
    FROM (SELECT t.start_date, t.end_date, t.cancelled_on,
                 EXISTS (SELECT 1 FROM contract_terms n WHERE n.contract_id = t.contract_id AND n.start_date > t.start_date) AS renewed
            FROM contract_terms t
           WHERE t.contract_id = ${contract}.id
           ORDER BY (t.start_date <= ${today}) DESC,
                    CASE WHEN t.start_date <= ${today} THEN t.start_date END DESC,
                    t.start_date ASC
           LIMIT 1) cur)`
}
