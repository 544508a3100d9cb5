package org.wasmbpf.bpf.elf;

import org.wasmbpf.bpf.BadInputException;

/** The bytes are not a well-formed little-endian ELF64 file. */
public final class ElfFormatException extends BadInputException {
    public ElfFormatException(String message) {
        super(message);
    }
}
