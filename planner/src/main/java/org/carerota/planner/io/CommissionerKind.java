package org.carerota.planner.io;

/** The kind of organisation that commissions (pays for) visits. */
public enum CommissionerKind {
    COUNCIL,
    ICB,
    NHS_TRUST,
    PROVIDER,
    SELF_FUNDED
}
