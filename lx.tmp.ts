import { lex, mask, type Dialect } from './daemon/src/mediation/shell/inline/lexer.js';
const show = (d: Dialect, s: string) => {
  const t = lex(s, d);
  console.log(d, JSON.stringify(s));
  console.log('  ', t.map((x) => `${x.kind[0]}:${x.kind === 'string' || x.kind === 'command' || x.kind === 'regex' ? JSON.stringify(x.value) + (x.literal ? '' : '~') + (x.flags ? '/' + x.flags : '') + (x.replacement ? '=>' + x.replacement : '') : x.text}${x.tag ? '[' + x.tag + ']' : ''}`).join(' '));
};
show('python', `import os; os.system("r"+"m -rf ~") # os.system("x")\nprint(f"a{os.getcwd()!r:>{w}}b {{x}}")`);
show('python', `x = rb'\\x' + '''a\n"b'''  + "\\x41\\n"`);
show('js', 'const a = `ls ${require("child_process").execSync(`id ${x}`)}`; x = a / 2 / 3; y = /[/]x/g.test(s) // c\n/* b */ z');
show('perl', 'print if /TODO/; s/foo/bar/g; $x = qx{ls -l}; my @a = qw(a b c); open(my $f, "<", "x.txt"); print <$f>; y/a-z/A-Z/; $h{s} = 1; print <<"EOF" . "z";\nhello $name\nEOF\nsystem("id");');
show('perl', 's{a}{b}e; s/x/$1 . "y"/ge; "@{[ system(\\"id\\") ]}"; $#a; ${"x"}; -s $file');
show('ruby', 'puts "a#{`id`}b"; x = %w(a b); system <<~EOS\n  rm -rf #{dir}\nEOS\nFile.read("x") # c\n=begin\nsystem("no")\n=end\ny = x / 2; split /,/; :sym; a ? b : c; f(key: 1)');
show('php', '<?php echo "hi $x {$y->z()}"; $a = `ls`; // c ?> <b>system("x")</b> <?php system(\'id\'); $s = <<<EOT\n  rm $x\n  EOT;\n#[Attr] function f() {}');
show('php', 'echo PHP_VERSION; \\system("id"); $$f(1); FFI::cdef("x");');
console.log(JSON.stringify(mask('a = "xyz" # c\nb', lex('a = "xyz" # c\nb', 'python'))));
