// Rendering helpers of the carer app (no framework: DOM and <template>).
export const ZONE = 'Europe/London';
const timeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });
const dayFmt = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'long' });
const isoDay = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

export function today() { return isoDay.format(new Date()); }
export function time(iso) { return iso ? timeFmt.format(new Date(iso)) : ''; }
export function day(isoDate) { return dayFmt.format(new Date(isoDate + 'T12:00:00Z')); }

export function mapsLinks(serviceUser) {
  const label = [serviceUser.address, serviceUser.postcode].filter(Boolean).join(', ');
  const geo = `geo:${serviceUser.lat},${serviceUser.lon}?q=${serviceUser.lat},${serviceUser.lon}(${encodeURIComponent(serviceUser.name)})`;
  const web = `https://www.google.com/maps/search/?api=1&query=${serviceUser.lat},${serviceUser.lon}`;
  const apple = /iPhone|iPad|Macintosh/.test(navigator.userAgent);
  return { label: label || `Directions to ${serviceUser.name}`, primary: apple ? `https://maps.apple.com/?q=${serviceUser.lat},${serviceUser.lon}` : geo, web };
}

/** What the carer recorded for a visit, from local events (queued or sent). */
export function visitState(events) {
  const mine = events.filter((e) => e.state !== 'rejected');
  const last = (kind) => [...mine].reverse().find((e) => e.kind === kind);
  return {
    checkIn: last('CHECK_IN'),
    checkOut: last('CHECK_OUT'),
    couldNotDeliver: last('COULD_NOT_DELIVER'),
    tasks: new Map(mine.filter((e) => e.kind === 'TASK_DONE' || e.kind === 'TASK_NOT_DONE').map((e) => [e.taskCode, e])),
    notes: mine.filter((e) => e.kind === 'NOTE'),
  };
}
