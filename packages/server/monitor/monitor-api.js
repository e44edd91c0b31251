/** The monitor's own JSON under /monitor/api/ (same auth as the page): agents, recordings, activity, health, history. */
export async function monitorApi(name, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== undefined && value !== ''));
  let response;
  try {
    response = await fetch(`/monitor/api/${name}${query.size > 0 ? `?${query}` : ''}`, { cache: 'no-store', credentials: 'same-origin' });
  } catch {
    throw new Error(`${name}: the server cannot be reached`);
  }
  if (!response.ok) {
    const text = await response.text();
    let reason = text.trim();
    try {
      reason = JSON.parse(text).error ?? reason;
    } catch {
      // plain text
    }
    throw new Error(`${name}: HTTP ${response.status} ${reason}`);
  }
  return response.json();
}
