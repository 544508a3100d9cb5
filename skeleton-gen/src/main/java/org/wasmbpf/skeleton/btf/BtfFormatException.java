package org.wasmbpf.skeleton.btf;

import org.wasmbpf.skeleton.BadInputException;

/** The BTF data is malformed: truncated, an unknown kind, or a dangling type id or string offset. */
public final class BtfFormatException extends BadInputException {
    public BtfFormatException(String message) {
        super(message);
    }
}
