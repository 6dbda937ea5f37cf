package dev.tocsin.audio.speech.wasm;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * espeak-ng 1.52 (the npm {@code espeak-ng} 1.0.2 Emscripten build, GPL-3.0-or-later, voice data
 * embedded) run inside the JVM by Chicory. The module is parsed and compiled to JVM bytecode once;
 * every run gets a fresh instance (the program keeps global state), so runs are independent and
 * may go in parallel. Text goes in as an argument, the WAV comes back from its stdout.
 */
public final class EspeakWasm {

    /** Classpath location of the gzipped module (see THIRD-PARTY-NOTICES.md for its origin). */
    public static final String RESOURCE = "/speech/espeak-ng-wasm/espeak-ng.wasm.gz";

    public static final String VERSION = "eSpeak NG 1.52-dev (WebAssembly in the JVM, npm espeak-ng 1.0.2)";

    private final WasmModule module;
    private final Function<Instance, Machine> machines;

    private EspeakWasm(WasmModule module, Function<Instance, Machine> machines) {
        this.module = module;
        this.machines = machines;
    }

    /** Parses and compiles the bundled module (a few seconds, once per process). */
    public static EspeakWasm load() throws IOException {
        try (InputStream in = EspeakWasm.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("missing resource " + RESOURCE);
            }
            WasmModule module;
            try (GZIPInputStream gz = new GZIPInputStream(in, 1 << 16)) {
                module = Parser.parse(gz);
            }
            return new EspeakWasm(module, MachineFactoryCompiler.compile(module));
        }
    }

    /** Output of one run: the program's stdout, its exit status and what it wrote to stderr. */
    public record Result(byte[] stdout, int status, String stderr) {}

    /** Runs {@code espeak-ng args...} to completion. */
    public Result run(List<String> args) {
        EmscriptenHost host = new EmscriptenHost();
        Instance instance = Instance.builder(module)
                .withImportValues(ImportValues.builder()
                        .withFunctions(host.functions(module))
                        .build())
                .withMachineFactory(machines)
                .build();
        int status;
        try {
            instance.export("emscripten_stack_init").apply();
            instance.export("__wasm_call_ctors").apply();
            int argv = argv(instance, args);
            status = (int) instance.export("__main_argc_argv").apply(args.size() + 1, argv)[0];
        } catch (EmscriptenHost.Exit exit) {
            status = exit.status;
        }
        flush(instance);
        return new Result(host.fs.stdout(), status, host.fs.stderr());
    }

    private static void flush(Instance instance) {
        try {
            instance.export("fflush").apply(0);
        } catch (EmscriptenHost.Exit ignored) {
            // Already exiting: whatever was buffered has been written.
        }
    }

    /** argv[0] = "espeak-ng", then the arguments, NUL-terminated, in memory from malloc. */
    private static int argv(Instance instance, List<String> args) {
        ExportFunction malloc = instance.export("malloc");
        Memory memory = instance.memory();
        int count = args.size() + 1;
        int table = (int) malloc.apply(4L * (count + 1))[0];
        for (int i = 0; i < count; i++) {
            byte[] utf8 = (i == 0 ? "espeak-ng" : args.get(i - 1)).getBytes(StandardCharsets.UTF_8);
            int at = (int) malloc.apply(utf8.length + 1)[0];
            memory.write(at, utf8);
            memory.writeByte(at + utf8.length, (byte) 0);
            memory.writeI32(table + 4 * i, at);
        }
        memory.writeI32(table + 4 * count, 0);
        return table;
    }
}
