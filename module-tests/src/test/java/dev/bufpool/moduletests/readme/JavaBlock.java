package dev.bufpool.moduletests.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ```java} block of a Markdown file: the line its code starts on, and its code. A block
 * is one of three kinds: a module declaration, a compilation unit declaring a top-level type, or
 * statements (with the imports they need first), which a reader pastes into a method.
 */
record JavaBlock(int line, String code) {

    /** The kinds of block, by what a compiler needs around them. */
    enum Kind {
        /** {@code module ... { ... }}: compiled as a {@code module-info.java}. */
        MODULE,
        /** Imports and a top-level type: compiled as the file of that type. */
        TYPE,
        /** Imports and statements: compiled inside a method, and run. */
        STATEMENTS
    }

    private static final String OPENING = "```java";
    private static final String CLOSING = "```";
    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "(?m)^(?:@\\w+\\s+)*(?:public\\s+)?(?:final\\s+|abstract\\s+)*(?:class|interface|record|enum)\\s+(\\w+)");

    /**
     * @param markdown a Markdown file
     * @return its {@code ```java} blocks, in order
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException naming the line, if a block is never closed
     */
    static List<JavaBlock> in(Path markdown) throws IOException {
        List<String> lines = Files.readAllLines(markdown);
        List<JavaBlock> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals(OPENING)) {
                continue;
            }
            int start = i + 1;
            int end = start;
            while (end < lines.size() && !lines.get(end).strip().equals(CLOSING)) {
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalArgumentException("a java block never closed: " + markdown + ":" + (start));
            }
            blocks.add(new JavaBlock(start + 1, String.join("\n", lines.subList(start, end)) + "\n"));
            i = end;
        }
        return blocks;
    }

    Kind kind() {
        if (withoutImports().startsWith("module ")) {
            return Kind.MODULE;
        }
        return TYPE_DECLARATION.matcher(withoutImports()).find() ? Kind.TYPE : Kind.STATEMENTS;
    }

    /** The top-level type a {@link Kind#TYPE} block declares. */
    String typeName() {
        Matcher declaration = TYPE_DECLARATION.matcher(withoutImports());
        if (!declaration.find()) {
            throw new IllegalStateException("no top-level type in the block at line " + line);
        }
        return declaration.group(1);
    }

    /** The block's leading {@code import} lines, with the blank lines among and after them. */
    String imports() {
        return code.substring(0, code.length() - withoutImports().length());
    }

    /** The block without its leading {@code import} lines and the blank lines after them. */
    String withoutImports() {
        int at = 0;
        while (at < code.length()) {
            int end = code.indexOf('\n', at);
            int next = end < 0 ? code.length() : end + 1;
            String line = code.substring(at, next).strip();
            if (!line.startsWith("import ") && !line.isEmpty()) {
                break;
            }
            at = next;
        }
        return code.substring(at);
    }

    @Override
    public String toString() {
        return "README line " + line + " (" + kind().name().toLowerCase(Locale.ROOT) + ")";
    }
}
