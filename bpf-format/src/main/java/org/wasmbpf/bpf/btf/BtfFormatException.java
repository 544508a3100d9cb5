package org.wasmbpf.bpf.btf;

import org.wasmbpf.bpf.BadInputException;

/** The BTF data is malformed: truncated, an unknown kind, or a dangling type id or string offset. */
public final class BtfFormatException extends BadInputException {
    public BtfFormatException(String message) {
        super(message);
    }
}
