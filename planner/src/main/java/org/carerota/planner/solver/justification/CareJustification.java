package org.carerota.planner.solver.justification;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

/** A constraint match's justification with a one-line description for explanations. */
public interface CareJustification extends ConstraintJustification {

    /** What the match is about, in words. */
    String description();
}
