package org.wasmbpf.host.chicory;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.NameCustomSection;
import com.dylibso.chicory.wasm.types.SectionId;
import java.io.ByteArrayInputStream;
import java.util.function.Supplier;

/**
 * Function index to a name a user can read: the name section's, else {@code function #N}. The
 * section is looked up on first use: only failures name functions, and a module whose compiled
 * classes came from the cache is parsed without its custom sections.
 */
final class FunctionNames {
    private final Supplier<NameCustomSection> source;
    private NameCustomSection names;
    private boolean looked;

    private FunctionNames(Supplier<NameCustomSection> source) {
        this.source = source;
    }

    /** The names of a module parsed with its custom sections. */
    static FunctionNames of(WasmModule module) {
        return new FunctionNames(module::nameSection);
    }

    /** The names in the name section of these bytes, parsed when first asked for; keeps the array. */
    static FunctionNames parsedFrom(byte[] bytes) {
        return new FunctionNames(() -> nameSection(bytes));
    }

    synchronized String of(int index) {
        if (!looked) {
            names = source.get();
            looked = true;
        }
        String name = names == null ? null : names.nameOfFunction(index);
        return name != null ? name : "function #" + index;
    }

    private static NameCustomSection nameSection(byte[] bytes) {
        NameCustomSection[] found = new NameCustomSection[1];
        try {
            Parser.builder().withValidation(false).includeSectionId(SectionId.CUSTOM).build()
                    .parse(new ByteArrayInputStream(bytes), section -> {
                        if (section instanceof NameCustomSection n) {
                            found[0] = n;
                        }
                    });
        } catch (RuntimeException e) {
            // Names only make a failure's message readable; it still says "function #N".
        }
        return found[0];
    }
}
