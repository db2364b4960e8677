package org.carerota.planner.domain;

/**
 * Legal and organisational limits that apply to one shift, in ticks (and pence), copied from the problem's settings.
 *
 * @param restBreakAfter a day's work longer than this needs a rest break
 * @param restBreak the length of that rest break
 * @param idleGapThreshold idle gaps between visits longer than this are penalised (soft)
 * @param minimumHourlyWagePence the pay floor per hour in pence for carers paid per visit or per contact hour, or
 *     {@code -1} for none
 * @param ticksPerMinute the problem's ticks per minute
 */
public record ShiftRules(
        long restBreakAfter, long restBreak, long idleGapThreshold, long minimumHourlyWagePence, long ticksPerMinute) {

    /** Care defaults: 20 minutes' break after 6 hours, idle gaps over 30 minutes penalised, no wage floor. */
    public static final ShiftRules CARE_DEFAULTS = new ShiftRules(360, 20, 30, -1, 1);

    /** No limits (VRPTW benchmark instances). */
    public static ShiftRules none(long ticksPerMinute) {
        return new ShiftRules(Long.MAX_VALUE / 4, 0, Long.MAX_VALUE / 4, -1, ticksPerMinute);
    }
}
