// One pass over the page at the current width (test_layout.py): what is wrong, as
// readable lines. Nothing scrolls sideways; each shown form control lies inside its form
// and the window, and nothing covers its middle (the sidebar did, at 1024 px).
() => {
  const problems = [], width = window.innerWidth, doc = document.documentElement;
  if (doc.scrollWidth > width) problems.push(`page scrolls sideways: ${doc.scrollWidth} > ${width}`);
  const name = e => e.id || e.name || e.className || e.tagName;
  const controls = [];
  for (const form of document.querySelectorAll('form')) {
    const box = form.getBoundingClientRect();
    if (!box.width) continue;  // a form not shown at this width
    for (const control of form.querySelectorAll('input:not([type=hidden]), select, button, textarea')) {
      const r = control.getBoundingClientRect();
      if (!r.width || getComputedStyle(control).visibility === 'hidden') continue;
      controls.push(control);
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
        problems.push(`${name(control)} sticks out of form ${name(form)}: ${JSON.stringify(r)} vs ${JSON.stringify(box)}`);
      if (r.left < 0 || r.right > width)
        problems.push(`${name(control)} is outside the window: ${r.left}..${r.right}`);
    }
  }
  for (const control of controls) {
    control.scrollIntoView({block: 'center'});
    const c = control.getBoundingClientRect();
    const hit = document.elementFromPoint(c.left + c.width / 2, c.top + c.height / 2);
    if (hit && hit !== control && !control.contains(hit))
      problems.push(`${name(control)} is covered by ${name(hit)}`);
  }
  window.scrollTo(0, 0);
  return problems;
}
