package org.carerota.planner.domain;

/**
 * The part of a carer's shift already worked when the day is re-planned: the visits started or done, which are no
 * longer in the problem (OptaPlanner 10's list variable cannot pin positions) but still count in the day's legal
 * checks. The shift then starts where and when the last of them ends ({@link CarerShift#getStart()}), and {@link
 * ShiftSummary#of} adds this part to the summary of the visits still to plan, so that the rest break, the daily maximum,
 * the minimum wage and the return judge the whole day. Ticks.
 *
 * @param visits visits started or done
 * @param departure when the carer left the shift's start location for the first of them
 * @param firstStart when the first of them started
 * @param lastEnd when the last of them ends
 * @param travel travel from the start location to the first and between them
 * @param contact time spent on them
 * @param idle waiting between them
 * @param longestIdle the longest such wait
 * @param idleBeyondThreshold the sum over waits of the part longer than {@link ShiftRules#idleGapThreshold()}
 */
public record StartedPart(
        int visits,
        long departure,
        long firstStart,
        long lastEnd,
        long travel,
        long contact,
        long idle,
        long longestIdle,
        long idleBeyondThreshold) {

    /** Nothing started: a normal shift. */
    public static final StartedPart NONE = new StartedPart(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public boolean isEmpty() {
        return visits == 0;
    }
}
