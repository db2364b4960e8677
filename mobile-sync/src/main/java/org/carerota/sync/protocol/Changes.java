package org.carerota.sync.protocol;

/**
 * Everything a pull changes on the device. Client details travel inside each visit ({@link
 * VisitPayload#serviceUser()}): a carer only ever needs them for a visit, and a visit's tombstone
 * withdraws them.
 */
public record Changes(VisitChanges visits, AccessNoteChanges accessNotes) {

    public static Changes none() {
        return new Changes(VisitChanges.none(), AccessNoteChanges.none());
    }
}
