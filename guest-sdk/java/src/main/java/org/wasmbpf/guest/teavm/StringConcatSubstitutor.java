package org.wasmbpf.guest.teavm;

import java.util.ArrayList;
import java.util.List;
import org.teavm.classlib.impl.StringConcatFactorySubstitutor;
import org.teavm.dependency.BootstrapMethodSubstitutor;
import org.teavm.dependency.DynamicCallSite;
import org.teavm.model.MethodReference;
import org.teavm.model.PrimitiveType;
import org.teavm.model.ValueType;
import org.teavm.model.emit.ProgramEmitter;
import org.teavm.model.emit.ValueEmitter;
import org.teavm.model.instructions.IntegerSubtype;

/**
 * Compiles {@code a + b} (javac's {@code StringConcatFactory.makeConcatWithConstants}) into one
 * call of {@link Concat#of} per four pieces, other operands turned into Strings first (integers
 * by {@code Text.decimal}, the rest by {@code String.valueOf}). TeaVM's own substitution builds a StringBuilder and calls
 * {@code append} per piece, each result null-checked: several times the code, at every
 * concatenation of the module. The Strings are the same: {@code append(x)} is
 * {@code String.valueOf(x)} for every operand type, and {@code Text.decimal} is Long.toString.
 */
final class StringConcatSubstitutor implements BootstrapMethodSubstitutor {
    private static final ValueType STRING = ValueType.object("java.lang.String");
    static final MethodReference BOOTSTRAP = new MethodReference("java.lang.invoke.StringConcatFactory",
            "makeConcatWithConstants", ValueType.object("java.lang.invoke.MethodHandles$Lookup"), STRING,
            ValueType.object("java.lang.invoke.MethodType"), STRING,
            ValueType.arrayOf(ValueType.object("java.lang.Object")), ValueType.object("java.lang.invoke.CallSite"));

    private static final char ARGUMENT = '\u0001';
    private static final char CONSTANT = '\u0002';
    private static final int PIECES_PER_CALL = 4;

    /** For the recipes this class leaves alone: those with constants outside the recipe (rare). */
    private final BootstrapMethodSubstitutor teavms = new StringConcatFactorySubstitutor();

    @Override
    public ValueEmitter substitute(DynamicCallSite site, ProgramEmitter pe) {
        String recipe = site.getBootstrapArguments().get(0).getString();
        if (recipe.indexOf(CONSTANT) >= 0) {
            return teavms.substitute(site, pe);
        }
        List<ValueEmitter> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int arg = 0;
        for (int i = 0; i < recipe.length(); i++) {
            char c = recipe.charAt(i);
            if (c != ARGUMENT) {
                literal.append(c);
                continue;
            }
            if (literal.length() > 0) {
                pieces.add(pe.constant(literal.toString()));
                literal.setLength(0);
            }
            pieces.add(asString(pe, site.getCalledMethod().parameterType(arg), site.getArguments().get(arg)));
            arg++;
        }
        if (literal.length() > 0) {
            pieces.add(pe.constant(literal.toString()));
        }
        return join(pe, pieces);
    }

    /** Calls Concat.of on four pieces at a time, the result of each call the first of the next. */
    private static ValueEmitter join(ProgramEmitter pe, List<ValueEmitter> pieces) {
        ValueEmitter result = null;
        int next = 0;
        do {
            ValueEmitter[] args = new ValueEmitter[PIECES_PER_CALL];
            int k = 0;
            if (result != null) {
                args[k++] = result;
            }
            while (k < PIECES_PER_CALL) {
                args[k++] = next < pieces.size() ? pieces.get(next++) : pe.constant("");
            }
            result = pe.invoke(Concat.class.getName(), "of", STRING, args);
        } while (next < pieces.size());
        return result;
    }

    /** The operand as javac's concatenation renders it; a String operand goes as it is (null included). */
    private static ValueEmitter asString(ProgramEmitter pe, ValueType type, ValueEmitter value) {
        if (!(type instanceof ValueType.Primitive)) {
            if (type.isObject("java.lang.String")) {
                return value;
            }
            return valueOf(pe, ValueType.object("java.lang.Object"), value);
        }
        PrimitiveType kind = ((ValueType.Primitive) type).getKind();
        switch (kind) {
            case BYTE:
                return decimal(pe, value.castToInteger(IntegerSubtype.BYTE).cast(ValueType.LONG));
            case SHORT:
                return decimal(pe, value.castToInteger(IntegerSubtype.SHORT).cast(ValueType.LONG));
            case INTEGER:
                return decimal(pe, value.cast(ValueType.LONG));
            case LONG:
                return decimal(pe, value);
            default:
                return valueOf(pe, type, value);
        }
    }

    /** Integers go to Text.decimal: the class library's Long.toString is a StringBuilder chain. */
    private static ValueEmitter decimal(ProgramEmitter pe, ValueEmitter value) {
        return pe.invoke(new MethodReference("org.wasmbpf.guest.Text", "decimal", ValueType.LONG, STRING), value);
    }

    private static ValueEmitter valueOf(ProgramEmitter pe, ValueType parameter, ValueEmitter value) {
        return pe.invoke(new MethodReference("java.lang.String", "valueOf", parameter, STRING), value);
    }
}
