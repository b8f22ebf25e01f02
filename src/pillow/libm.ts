// sin and cos exactly as glibc 2.36 computes them on x86-64 with FMA (libm's `__sin_fma` and
// `__cos_fma`, which its ifunc picks on every CPU with AVX2 and FMA). Python's `math.sin` and
// `math.cos` call these, so Pillow's rotation matrices depend on their last bits. V8's fdlibm
// `Math.sin` / `Math.cos` differ from them in about 6% of the angles Image.rotate sees, and in about
// 0.7% of the angles the difference survives Image.rotate's `round(…, 15)`.
//
// The method is IBM's Accurate Mathematical Library's: a table of sin and cos at k/128 (each as a
// double-double), a short polynomial on the remainder, and a Cody–Waite reduction by π/2 for larger
// arguments. Every step is one IEEE double operation, and glibc compiles this variant with
// -mfma, so GCC fuses each product that only feeds an addition into one fused multiply-add; those
// are written `fma(…)` below, computed exactly (one rounding). Checked against CPython on Debian 12
// (glibc 2.36) for 376,001 arguments in (−2π, 0]: every result is identical.
//
// Only |x| < 105414350 is handled (the range that needs no Payne–Hanek reduction), far more than
// the (−2π, 0] that rotate needs.

/** The exact value of a finite double as `m · 2^e` (m a BigInt, with the sign). */
function exactParts(x: number, view: DataView): [bigint, number] {
  view.setFloat64(0, x);
  const hi = view.getUint32(0), lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e = -1074;
  if (biased !== 0) { m |= 1n << 52n; e = biased - 1075; }
  return [hi >>> 31 ? -m : m, e];
}

let scratch: DataView | null = null;

/**
 * `a·b + c` rounded once, to nearest-even (C's `fma`), for finite operands whose result is a normal
 * number (the magnitudes sin and cos meet). A zero product or addend needs no exact sum.
 */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  if (p === 0 || c === 0) return p + c;
  const view = scratch ??= new DataView(new ArrayBuffer(8));
  const [ma, ea] = exactParts(a, view), [mb, eb] = exactParts(b, view), [mc, ec] = exactParts(c, view);
  const ep = ea + eb, e = Math.min(ep, ec);
  const total = ((ma * mb) << BigInt(ep - e)) + (mc << BigInt(ec - e));
  if (total === 0n) return 0;
  // Number(bigint) rounds to nearest, ties to even (total has far fewer than 1024 bits here); the
  // power-of-two scaling is exact, in two steps so that neither factor underflows.
  const half = Math.trunc(e / 2);
  return Number(total) * 2 ** half * 2 ** (e - half);
}

// sin(k/128) and cos(k/128) for k = 0..109, each as a high and a low double (glibc's `__sincostab`,
// the IEEE bits in hex): per k, 64 hex digits `sin hi, sin lo, cos hi, cos lo`.
const SINCOS_TABLE_HEX =
  '000000000000000000000000000000003ff00000000000000000000000000000' +
  '3f7fffeaaaaeeeefbc1e45e2ec67b77c3fefffc0001555523c8f4a01a0196dae' +
  '3f8fffaaaaeeeed5bc02ab639a9f07773fefff000155549f3c828a28a03a5ef3' +
  '3f97ff70010332553bfefe2b515273363feffdc006bff7e63c8ae6dae86977bd' +
  '3f9ffeaaaeeee86fbc3cd406fb224ae23feffc00155527d3bc83b54492d89b5b' +
  '3fa3feb2b12d45d53c34ec54203d1c113feff9c03414a7ba3c6991f4be6c59bf' +
  '3fa7fdc01032fba9bc4599bdf46e997a3feff7006bfdf99fbc78b3b560648d5f' +
  '3fabfc6d78586dac3c18e4fd03dbf2363feff3c0c8103a313c74856dbddc0e66' +
  '3faffaaaeeed4edbbc42d16d32684b693feff0015549f4d33c8328387b99426f' +
  '3fb1fc343d808befbc5f3d32e6f3be4f3fefebc222a8ef9f3c57934934f54c77' +
  '3fb3facb12d1755bbc5921915299468c3fefe7034129ef6fbc6cbf4337c96f97' +
  '3fb5f911fd10b737bc50184f02be91023fefe1c4c3c873ebbc35a9c9057c4a02' +
  '3fb7f701032550e43c3afc2d1800501a3fefdc06bf7e6b9b3c831902b535f8db' +
  '3fb9f4902d55d1f93c52696d7eac1dc13fefd5c94b43e000bc62e768cb4f92f9' +
  '3fbbf1b78568391d3c5e91841dea4cc83fefcf0c800e99b13c6ea3d786d186ac' +
  '3fbdee6f16c1cce6bc450f8e2fb716733fefc7d078d1bc883c8075d2447db685' +
  '3fbfeaaeee86ee36bc4afcb2bcc6f03b3fefc015527d5bd33c8b68f35094efb8' +
  '3fc0f3378ddd71d13c6d8468724f0f9e3fefb7db2bfe06953c821dadf4f65ab1' +
  '3fc1f0d3d7afceafbc66ef95099769a53fefaf22263c4bd3bc552ace133a2769' +
  '3fc2ee285e4ab88fbc6e4d0f05dee0583fefa5ea641c36f23c404da6ed17cc7c' +
  '3fc3eb312c5d66cb3c647d666b66cb913fef9c340a7cc4283c8c5b6b063b7462' +
  '3fc4e7ea4dc5f27b3c5949db2ac072fc3fef91ff40374d01bc67d03f4d3a9e4c' +
  '3fc5e44fcfa126f3bc66f443063f89b63fef874c2e1eecf6bc8c6514e1332b16' +
  '3fc6e05dc05a4d4cbbd32c5c8b81c9403fef7c1afeffde24bc78f55bc47540b1' +
  '3fc7dc102fbaf2b53c45ab50e23c97c33fef706bdf9ece1cbc8698c80c36dcb4' +
  '3fc8d7632efaa944bc620fa262cbb9533fef643efeb82acd3c76b00ac1fe28ac' +
  '3fc9d252d0cec3123c59c43d80b1137d3fef57948cff67973c6e3a0d3e03b1d5' +
  '3fcaccdb297a0765bc59883b57d6cdeb3fef4a6cbd1e3a793c813df0edaebb57' +
  '3fcbc6f84edc61993c69c1a56a7b0cab3fef3cc7c3b3d16ebc621a3ad28a3494' +
  '3fccc0a6588289a3bc6868d09bc87c6b3fef2ea5d753ffed3c8cc4215f56d583' +
  '3fcdb9e15fb5a5d0bc632e20d6cc6fc23fef20073086649f3c7b940416c1984b' +
  '3fceb2a57f8ae5a3bc60be06af572ceb3fef10ec09c5873b3c8d9072762c1283' +
  '3fcfaaeed4f31577bc615d88508e32b83fef01549f7deea13c8d3c1e99e5cafd' +
  '3fd0515cbf65155cbc79b8c29dfd8ec83feef141300d2f26bc82aa1b08ded372' +
  '3fd0cd00cef36436bc79fb0a0c93e2b53feee0b1fbc0f11cbc4bfd2380bbc3b1' +
  '3fd14861aa94ddebbc6be881b5b615a43feecfa744d5efa1bc556d0a4af541d0' +
  '3fd1c37d64c6b8763c746076fe0dcff53feebe214f76efa8bc802f9f12ba543e' +
  '3fd23e52111aaf36bc74f080334eff183feeac2061bbaf4f3c62c1d53e94658d' +
  '3fd2b8ddc43eb49f3c61553899f2d8073fee99a4c3a7cd83bc82264b1bc53ce8' +
  '3fd3331e94049f873c7e0cb6b40c302c3fee86aebf29a9ed3c89397afdbb58a7' +
  '3fd3ad129769d3d83c003d55048783983fee733ea0193d40bc86428b3546ce13' +
  '3fd426b7e69ee697bc7f09c75705c59f3fee5f54b436e9d03c87eb0fd02fc8bc' +
  '3fd4a00c9b0f3d203c7823ba6bb08ead3fee4af14b2a449cbc868ca02e8a6833' +
  '3fd5190ecf68a77a3c7b357155eef0f33fee3614b680d6a5bc727793aa015237' +
  '3fd591bc9fa2f5973c67c74bac3fe0cb3fee20bf49acd6c1bc5660aec7ef636c' +
  '3fd60a14290787753c5b1fd80ba891333fee0af15a03dbce3c5fe8e702771ae6' +
  '3fd682138a38d7f7bc7d889202444aad3fedf4ab3ebd875ebc8e2d8a7e6736c4' +
  '3fd6f9b8e33a02553c742bc14ee9da0d3feddded50f228d6bc6e80c8d42ba2bf' +
  '3fd7710255764214bc66ead7314bb6ce3fedc6b7eb9959123c54b364776dcd35' +
  '3fd7e7ee03c86d4ebc7b63bcdabf5af23fedaf0b6b888e833c8a249e2b5e5cea' +
  '3fd85e7a128269493c78a40e9b5face03fed96e82f71a9dc3c8ff61bd5d2039d' +
  '3fd8d4a4a774992f3c744a02ea7663263fed7e4e97e17b4abc63b770352bed94' +
  '3fd94a6be9f546c5bc769ce13e683f583fed653f073e4040bc876236434bec37' +
  '3fd9bfce02e805103c709e39a320b0a43fed4bb9e1c619e03c8f34bb77858f61' +
  '3fda34c91cc50ccabc5a310e3b50cecd3fed31bf8d8d7c063c7e60dd3089cbdd' +
  '3fdaa95b63a09277bc66293eb13c03813fed1750727d94f03c80d52b1ec1a48e' +
  '3fdb1d8305321617bc7ae242cb99f5193fecfc6cfa52ad9f3c88b5b5508f2a0d' +
  '3fdb913e30dbac43bc7e38ad2f6c3ff13fece115909a82e53c81f139bb31109a' +
  '3fdc048b17b140a33c619fe6757e9fa73fecc54aa2b2972e3c64ee162ba83a98' +
  '3fdc7767ec7fd19ebc5eb14d1a3d58263feca90c9fc67d0bbc646a81485e3462' +
  '3fdce9d2e3d4a51fbc62fc8a12dae2983fec8c5bf8ce1a843c7ab3d1a1590123' +
  '3fdd5bca340476613c728a44a75fc29c3fec6f39208be53bbc8741dbfbaadb42' +
  '3fddcd4c15329c9a3c70d4c6e171fd9a3fec51a48b8b175ebc61bbb43b9aa880' +
  '3fde3e56c1582a69bc50a4821099f88f3fec339eb01ddd81bc8caaf5ee82c5c0' +
  '3fdeaee8744b05f0bc5789b43c9b027d3fec1528065b7d50bc8892111312e828' +
  '3fdf1eff6bc4f97b3c717212f8a7525c3febf641081e75363c8b7bd71628a9a1' +
  '3fdf8e99e76abc973c59d950af2d00a33febd6ea310294f53c731bbcc88c109d' +
  '3fdffdb628d2f57a3c6f4a992e905b6a3febb723fe630f323c772bd2452d0a39' +
  '3fe0362939c69955bc82d8cd78397b013feb96eeef58840e3c545a3cc78fade0' +
  '3fe06d3686946e5b3c83f5ae4538ff1b3feb764b84b704c2bc8f5848c21b389b' +
  '3fe0a4021e9e1001bc86f643a13914f63feb553a410c104e3c58ff7947027a16' +
  '3fe0da8b26b5672ebc8a58def0bee9093feb33bba89c89483c8ea6a51d1f6ca9' +
  '3fe110d0c4b69c3b3c8d9189988099813feb11d04162a4c63c71dd561efbc0c2' +
  '3fe146d21f8b7f823c7bf9535e2739a83feaef78930bd275bc7f836279746f94' +
  '3fe17c8e5f2eedb03c635e57102e24883feaccb526f69de53c88fb6a8dd6b6cc' +
  '3fe1b204acb02fddbc5f190c70cbb5ff3feaa98688308913bc0b83d607cd5070' +
  '3fe1e7343236574c3c722a3fa4f41d5a3fea85ed4373e02d3c69be06385ec792' +
  '3fe21c1c1b0394cf3c5e5b324b23aa313fea61e9e72586af3c858330e2fd453f' +
  '3fe250bb93788bbb3c7ea3d02457bcce3fea3d7d0352bdcfbc868dbaeca19669' +
  '3fe28511c917a067bc801df1d9a16b703fea18a729aee4453c395e25736c0358' +
  '3fe2b91dea88421ebc8fa371db216ab03fe9f368ed912f85bc81d200c5791606' +
  '3fe2ecdf279a30823c8d3557e0e7e37e3fe9cdc2e3f25e5c3c83f99112993f62' +
  '3fe32054b148bc4f3c8f6b42095a135b3fe9a7b5a36a65143c8722cfcc9fa7a9' +
  '3fe3537db9be03673c6b327e7af040f03fe98141c42e13103c8d1ff80488f08d' +
  '3fe386597456282bbc710fada93b07a83fe95a67e00cb1fdbc80befda21f862d' +
  '3fe3b8e715a2840abc797653a7d2f07b3fe93328926d9e92bc8bb77003600cda' +
  '3fe3eb25d36cd53abc5be570e1570fc03fe90b84784ddaf7bc70feb10ab93b87' +
  '3fe41d14e4ba67903c84608fd287ecf53fe8e37c303d9ad1bc6463a4b53d4bf8' +
  '3fe44eb381cf386bbc83ed6c1e6a55053fe8bb105a5dc9003c8863e03e9474c1' +
  '3fe48000e431159fbc8b194a7463ed103fe89241985d871f3c8c48d9c413ed84' +
  '3fe4b0fc46aab7613c20da05738cc59a3fe869108d77a6c63c7338ffe2bfe9dd' +
  '3fe4e1a4e54ed51bbc8a492f89b7c76a3fe83f7dde701ca0bc4152cf609bc6e8' +
  '3fe511f9fd7b351cbc85c0e861c488313fe8158a31916d5dbc6de8b90b8228de' +
  '3fe541facddbb7243c7232c28520d3913fe7eb362eaa14883c5a1d65a4a5959f' +
  '3fe571a6966d59b33c5c843b4d0fb1983fe7c0827f09e54fbc6c73d6d72aee68' +
  '3fe5a0fc98813a12bc8d82e2b7d4227b3fe7956fcd7f6543bc8ab276e9d45ae4' +
  '3fe5cffc16bf8f0d3c896cb370eb578a3fe769fec655211fbc6827d5cf8c68c5' +
  '3fe5fea4552a9e573c80b6cef7ee20b73fe73e30174efba1bc65d3ae3d94ad5f' +
  '3fe62cf49921ac79bc8edd9855b6241a3fe712046fa776783c8425b0a5029c81' +
  '3fe65aec2963e7553c8126f96b71053c3fe6e57c800cf55e3c860286dedbd0a6' +
  '3fe6888a4e134b2fbc86b7d37644d5e63fe6b898fa9efb5d3c715ac786ccf4b2' +
  '3fe6b5ce50b7821abc65d5158f702e0f3fe68b5a92eb6253bc89a91ad985f89c' +
  '3fe6e2b77c40bde1bc70e729857fad533fe65dc1fdeb8cbabc597c1b47337c77' +
  '3fe70f451d0a8c403c697ede3885770d3fe62fcff20191c73c6d9143895756ef' +
  '3fe73b7680dea578bc72248306dc12a23fe6018526f563df3c846ca5e0e432d0' +
  '3fe7674af6f7b5243c7e9d3f94ac84a83fe5d2e255f1f17a3c80314104c8892b' +
  '3fe792c1d0041d52bc8abf05eeb354eb3fe5a3e8398240773c8428aa2759be62' +
  '3fe7bdda5e28b3c23c4ad1197ccd03933fe574978d8e83f23c8f4714af282d23' +
  '3fe7e893f50379593c80eefbaa650c4c3fe544f10f592ca5bc8e7ae8e6c7a62f' +
  '3fe812ede9ae4ba4bc87830adf402dda3fe514f57d7bf3da3c747a108073c259';

let table: Float64Array | null = null;

function sincosTable(): Float64Array {
  if (table) return table;
  const t = new Float64Array(440);
  const view = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < 440; i++) {
    view.setUint32(0, parseInt(SINCOS_TABLE_HEX.slice(16 * i, 16 * i + 8), 16));
    view.setUint32(4, parseInt(SINCOS_TABLE_HEX.slice(16 * i + 8, 16 * i + 16), 16));
    t[i] = view.getFloat64(0);
  }
  return (table = t);
}

// Polynomial coefficients (close to ±1/3!, 1/5!, …) and the constants of the reductions.
const S1 = -0.16666666666666666, S2 = 0.008333333333332329, S3 = -0.00019841269834414642;
const S4 = 2.755729806860771e-6, S5 = -2.5022014848318398e-8;
const SN3 = -0.16666666666666488, SN5 = 0.008333332142857223;
const CS2 = 0.5, CS4 = -0.04166666666666644, CS6 = 0.001388888740079376;
/** 1.5 · 2^45: adding it to |x| < 1 rounds |x| to a multiple of 1/128 in the low mantissa bits. */
const BIG = 52776558133248;
/** π/2 as a double-double. */
const HP0 = 1.5707963267948966, HP1 = 6.123233995736766e-17;
/** π/2 in four parts for the Cody–Waite reduction (the first two with trailing zero bits). */
const MP1 = 1.5707963407039642, MP2 = -1.3909067564377153e-8;
const PP3 = -4.97899623147991e-17, PP4 = -1.9034889620193266e-25;
const HPINV = 0.6366197723675814;
/** 1.5 · 2^52: adding it rounds to an integer, which the low mantissa bits then hold. */
const TOINT = 6755399441055744;

let words: DataView | null = null;
function lowWord(x: number): number {
  const v = words ??= new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getUint32(4);
}
function highWord(x: number): number {
  const v = words ??= new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getUint32(0);
}

/** sin(x + dx) for |x| < 0.126 by the Taylor polynomial (`TAYLOR_SIN`). */
function taylorSin(x: number, dx: number): number {
  const xx = x * x;
  let p = fma(S5, xx, S4);
  p = fma(p, xx, S3);
  p = fma(p, xx, S2);
  p = fma(p, xx, S1);
  const t = fma(fma(p, x, -(0.5 * dx)), xx, dx);
  return x + t;
}

/** cos(x + dx) for |x| < 0.86: the table at the nearest k/128 and polynomials on the rest (`do_cos`). */
function cosNear(x: number, dx: number): number {
  const tab = sincosTable();
  if (x < 0) dx = -dx;
  const u = BIG + Math.abs(x);
  const r = Math.abs(x) - (u - BIG) + dx;
  const rr = r * r;
  const s = fma(r * rr, fma(rr, SN5, SN3), r);
  const c = rr * fma(rr, fma(rr, CS6, CS4), CS2);
  const k = lowWord(u) << 2;
  const sn = tab[k], ssn = tab[k + 1], cs = tab[k + 2], ccs = tab[k + 3];
  const cor = fma(-sn, s, fma(-cs, c, fma(-s, ssn, ccs)));
  return cs + cor;
}

/** sin(x + dx) for |x| < 0.86 (`do_sin`). */
function sinNear(x: number, dx: number): number {
  if (Math.abs(x) < 0.126) return taylorSin(x, dx);
  const tab = sincosTable();
  if (x <= 0) dx = -dx;
  const u = BIG + Math.abs(x);
  const r = Math.abs(x) - (u - BIG);
  const rr = r * r;
  const s = r + fma(r * rr, fma(rr, SN5, SN3), dx);
  const c = fma(r, dx, rr * fma(rr, fma(rr, CS6, CS4), CS2));
  const k = lowWord(u) << 2;
  const sn = tab[k], ssn = tab[k + 1], cs = tab[k + 2], ccs = tab[k + 3];
  const cor = fma(cs, s, fma(-sn, c, fma(s, ccs, ssn)));
  const v = Math.abs(sn + cor);
  return x < 0 ? -v : v;
}

/** x = n·π/2 + (a + da) with |a| ≤ π/4 (`reduce_sincos`); sin or cos of it by the quadrant n. */
function reduced(x: number, cosine: boolean): number {
  const t = fma(x, HPINV, TOINT);
  const xn = t - TOINT;
  const y = fma(-xn, MP2, fma(-xn, MP1, x));
  const n = (lowWord(t) + (cosine ? 1 : 0)) & 3;
  const t2 = fma(-xn, PP3, y);
  let da = fma(-xn, PP3, y - t2);
  const a = fma(-xn, PP4, t2);
  da += fma(-xn, PP4, t2 - a);
  const v = n & 1 ? cosNear(a, da) : sinNear(a, da);
  return n & 2 ? -v : v;
}

/** glibc 2.36's `sin` (FMA variant) for |x| < 105414350; `Math.sin` beyond. */
export function glibcSin(x: number): number {
  const k = highWord(x) & 0x7fffffff;
  if (k < 0x3e500000) return x;
  if (k < 0x3feb6000) return sinNear(x, 0);
  if (k < 0x400368fd) {
    const v = Math.abs(cosNear(HP0 - Math.abs(x), HP1));
    return x < 0 ? -v : v;
  }
  if (k < 0x419921fb) return reduced(x, false);
  return Math.sin(x);
}

/** glibc 2.36's `cos` (FMA variant) for |x| < 105414350; `Math.cos` beyond. */
export function glibcCos(x: number): number {
  const k = highWord(x) & 0x7fffffff;
  if (k < 0x3e400000) return 1;
  if (k < 0x3feb6000) return cosNear(x, 0);
  if (k < 0x400368fd) {
    const y = HP0 - Math.abs(x);
    const a = y + HP1;
    return sinNear(a, (y - a) + HP1);
  }
  if (k < 0x419921fb) return reduced(x, true);
  return Math.cos(x);
}
