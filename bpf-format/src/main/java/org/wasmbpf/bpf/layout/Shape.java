package org.wasmbpf.bpf.layout;

import java.util.List;

/** Size and alignment of a type; for a struct or union also its direct members' places. */
record Shape(long size, int align, List<FieldLayout> members) {
}
