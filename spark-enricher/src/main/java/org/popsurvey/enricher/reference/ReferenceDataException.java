package org.popsurvey.enricher.reference;

import org.popsurvey.cli.CommandFailedException;

/** A reference file is missing, has the wrong columns, or holds a cell that cannot be used. */
public class ReferenceDataException extends CommandFailedException {

    private static final long serialVersionUID = 1L;

    public ReferenceDataException(String message) {
        super(message);
    }

    public ReferenceDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
