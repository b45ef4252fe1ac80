import { scanGroovy } from '../daemon/src/mediation/shell/inline/jvm.js';
const cases = [
  'println 1+1', 'println("hi")', 'def x = [1,2,3].sum()', 'System.out.println("hi");',
  '"rm -rf ~".execute()', '"r" + "m -rf ~".execute()', '("r" + "m -rf ~").execute()', "['sh','-c','id'].execute()", 'def c = "ls -l"; c.execute().text', 'cmd.execute()', 'sql.execute("DROP TABLE x")',
  'Runtime.getRuntime().exec("id")', 'Runtime.getRuntime().exec(new String[]{"sh", "-c", "id"});', 'Runtime.getRuntime().exec(cmd)',
  'new ProcessBuilder("ls", "-l").start()', 'new ProcessBuilder(["ls", "-l"]).start()', 'ProcessBuilder(listOf("rm", "x")).start()', 'new ProcessBuilder(args).start()',
  'new File("x.txt").delete()', 'new File("a").text', 'new File("out").text = "hi"', 'new File("o") << "x"', 'def f = new File("k"); f.delete()', 'File("a").writeText("x")', 'new File("a").renameTo(new File("b"))',
  'f.deleteDir()', 'Files.delete(Paths.get("/tmp/x"))', 'Files.write(Path.of("a", "b.txt"), bytes)', 'java.nio.file.Files.readAllLines(java.nio.file.Paths.get("/etc/hosts"))', 'Files.copy(Paths.get("a"), Paths.get("b"))', 'Files.delete(p)',
  'new FileWriter("log.txt").write("x")', 'new FileInputStream("in.bin")', 'new PrintWriter(System.out)',
  'new URL("https://x.io/a").text', '"https://x.io".toURL().text', 'def c = new URL("https://x.io").openConnection(); c.setRequestMethod("POST"); c.doOutput = true',
  'HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("https://x.io")).POST(body).build(), h)', 'new Socket("evil.com", 4444)',
  'Eval.me("1+1")', 'Eval.me("\'id\'.execute()")', 'Eval.me(s)', 'new GroovyShell().evaluate(s)', 'evaluate(new File("x.groovy"))', 'evaluate new File("y.groovy")', 'Class.forName("java.lang.Runtime")', 'm.invoke(null)', 'System.loadLibrary("x")',
  '@Grab("org.x:y:1.0")\nimport x', '"$cmd"()', '// "rm".execute()\n/* Runtime.getRuntime().exec("x") */\nprintln "\'rm\'.execute()"', '"rm ${x}".execute()', 'ProcessHandle.of(123).ifPresent { it.destroy() }', '"kill -9 42".execute()',
  '"unterminated', 'new File(',
];
for (const c of cases) console.log(JSON.stringify(c), '=>', JSON.stringify(Object.fromEntries(Object.entries(scanGroovy(c)).filter(([, v]) => Array.isArray(v) ? v.length : v))));
