package org.wasmbpf.host.chicory;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.DataCountSection;
import com.dylibso.chicory.wasm.types.DataSection;
import com.dylibso.chicory.wasm.types.ElementSection;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionSection;
import com.dylibso.chicory.wasm.types.GlobalSection;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.Section;
import com.dylibso.chicory.wasm.types.SectionId;
import com.dylibso.chicory.wasm.types.StartSection;
import com.dylibso.chicory.wasm.types.TableSection;
import com.dylibso.chicory.wasm.types.TagSection;
import com.dylibso.chicory.wasm.types.TypeSection;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * A module parsed for compiled classes that came from the cache: the sections instantiating it
 * needs, without the function bodies (about half the bytes and most of a parse, and what the
 * classes were compiled from) or the custom sections (see {@link FunctionNames}). Chicory requires
 * a body per function, so each is a stand-in that traps: only for modules none of whose functions
 * Chicory's interpreter runs.
 */
final class CodelessModule {
    private static final FunctionBody STAND_IN = new FunctionBody(List.of(), List.of(AnnotatedInstruction.builder()
            .from(new Instruction(0, OpCode.UNREACHABLE, Instruction.EMPTY_OPERANDS)).build()));

    private final WasmModule.Builder module = WasmModule.builder().withValidation(false);
    private int functions;

    private CodelessModule(String digest) {
        module.withDigest(digest);
    }

    /** @param digest the module's {@link CompiledClassCache#keyOf key}, which the compiler looks its classes up by */
    static WasmModule parse(byte[] bytes, String digest) {
        CodelessModule codeless = new CodelessModule(digest);
        parser().parse(new ByteArrayInputStream(bytes), codeless::add);
        return codeless.build();
    }

    private static Parser parser() {
        Parser.Builder parser = Parser.builder().withValidation(false);
        for (int id = SectionId.TYPE; id <= SectionId.TAG; id++) {
            if (id != SectionId.CODE) {
                parser.includeSectionId(id);
            }
        }
        return parser.build();
    }

    private void add(Section section) {
        switch (section.sectionId()) {
            case SectionId.TYPE -> module.setTypeSection((TypeSection) section);
            case SectionId.IMPORT -> module.setImportSection((ImportSection) section);
            case SectionId.FUNCTION -> {
                module.setFunctionSection((FunctionSection) section);
                functions = ((FunctionSection) section).functionCount();
            }
            case SectionId.TABLE -> module.setTableSection((TableSection) section);
            case SectionId.MEMORY -> module.setMemorySection((MemorySection) section);
            case SectionId.GLOBAL -> module.setGlobalSection((GlobalSection) section);
            case SectionId.EXPORT -> module.setExportSection((ExportSection) section);
            case SectionId.START -> module.setStartSection((StartSection) section);
            case SectionId.ELEMENT -> module.setElementSection((ElementSection) section);
            case SectionId.DATA -> module.setDataSection((DataSection) section);
            case SectionId.DATA_COUNT -> module.setDataCountSection((DataCountSection) section);
            case SectionId.TAG -> module.setTagSection((TagSection) section);
            default -> throw new IllegalStateException("section " + section.sectionId() + " was not asked for");
        }
    }

    private WasmModule build() {
        CodeSection.Builder code = CodeSection.builder();
        for (int i = 0; i < functions; i++) {
            code.addFunctionBody(STAND_IN);
        }
        return module.setCodeSection(code.build()).build();
    }
}
