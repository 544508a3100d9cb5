package org.wasmbpf.bpf;

/**
 * The input file is not a BPF object these readers (or skeleton-gen, which reuses the type for
 * what it cannot generate) can work from. The message is the cause only; the caller prefixes it
 * with the file name (skeleton-gen's CLI prints "FILE: CAUSE"), so it must read well after "FILE: ".
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }
}
