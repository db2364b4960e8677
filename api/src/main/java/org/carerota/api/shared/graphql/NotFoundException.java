package org.carerota.api.shared.graphql;

/** A record that does not exist, or that the caller may not see: both answer the same. */
public class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " was not found");
    }
}
