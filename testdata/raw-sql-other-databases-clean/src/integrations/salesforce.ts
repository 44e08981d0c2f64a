// A CRM tile lists Salesforce records; Salesforce answers SOQL, not SQL.
export interface SalesforceAuth {
  instanceUrl: string;
  accessToken: string;
}

export function soql(object: string, fields: string[], where?: string, limit = 20): string {
  const clause = where ? ` WHERE ${where}` : "";
  return `SELECT ${fields.join(", ")} FROM ${object}${clause} ORDER BY LastModifiedDate DESC LIMIT ${limit}`;
}

export const OPEN_OPPORTUNITIES =
  "SELECT Id, Name, Amount, StageName, CloseDate, Account.Name FROM Opportunity WHERE IsClosed = false ORDER BY CloseDate LIMIT 20";

export function myContacts(ownerId: string) {
  return `SELECT Id, FirstName, LastName, Email FROM Contact WHERE OwnerId = '${ownerId}' AND Email != null`;
}

export async function query<T>(auth: SalesforceAuth, q: string): Promise<T[]> {
  const response = await fetch(`${auth.instanceUrl}/services/data/v61.0/query?q=${encodeURIComponent(q)}`, {
    headers: { Authorization: `Bearer ${auth.accessToken}` },
  });
  const body = (await response.json()) as { records: T[] };
  return body.records;
}
