package org.wasmbpf.bpf.layout;

import java.util.ArrayList;
import java.util.List;
import org.wasmbpf.bpf.btf.BtfType;

/**
 * Lays out one struct or union from its declaration, by the System V rules clang applies on
 * wasm32: each member at the next multiple of its alignment; a bitfield at the next free bit
 * unless it would cross a storage unit of its declared type, then at the next unit; the whole
 * rounded up to the largest member alignment. A packed struct gets no padding at all.
 */
final class NaturalLayout {
    private final LayoutModel model;
    private final BtfType.Composite composite;
    private final boolean packed;

    NaturalLayout(LayoutModel model, BtfType.Composite composite, boolean packed) {
        this.model = model;
        this.composite = composite;
        this.packed = packed;
    }

    Shape shape() {
        boolean union = composite instanceof BtfType.Union;
        List<FieldLayout> members = new ArrayList<>(composite.members().size());
        long nextBit = 0;
        long endBit = 0;
        int align = 1;
        for (BtfType.Member m : composite.members()) {
            Shape ms = model.shapeOf(m.type());
            int memberAlign = packed ? 1 : ms.align();
            long start = union ? 0 : nextBit;
            long width;
            if (m.isBitfield()) {
                width = m.bitfieldSize();
                if (!packed) {
                    long unitBits = ms.size() * 8;
                    long alignBits = ms.align() * 8L;
                    long unitStart = start / alignBits * alignBits;
                    if (start + width > unitStart + unitBits) {
                        start = alignUp(start, alignBits);
                    }
                }
            } else {
                width = ms.size() * 8;
                start = alignUp(start, memberAlign * 8L);
            }
            align = Math.max(align, memberAlign);
            nextBit = start + width;
            endBit = Math.max(endBit, nextBit);
            members.add(new FieldLayout(m.name(), m.type(), start, m.bitfieldSize(), ms.size(), ms.align()));
        }
        long size = alignUp((endBit + 7) / 8, align);
        return new Shape(size, align, List.copyOf(members));
    }

    private static long alignUp(long v, long a) {
        return (v + a - 1) / a * a;
    }
}
