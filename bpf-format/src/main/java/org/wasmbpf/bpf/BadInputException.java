package org.wasmbpf.bpf;

/**
 * The input file is not something skeleton-gen can work from. The message is the cause only;
 * the CLI prefixes it with the file name, so it must read well after "FILE: ".
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }
}
