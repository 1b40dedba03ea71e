// Infinite scroll, as search pages do it: when the reader nears the bottom, the next page
// of results is rendered client-side into the same list (once: there are two pages).
const nextPage = [
  ['v1-1006', 'Tiger bone powder 100g', 'New', '$260.00', 'northern_remedies'],
  ['v1-1007', 'Wool winter scarf', 'New with tags', '$18.00', 'knitknot'],
  ['v1-1008', 'Hornbill casque pendant', 'Pre-owned', '$1,100.00', 'borneo_crafts'],
  ['v1-1009', 'Kids bicycle 16 inch', 'Used', '$45.00', 'familyattic'],
];

function renderItem([id, title, condition, price, seller]) {
  const li = document.createElement('li');
  li.className = 's-item';
  li.dataset.listingId = id;
  const t = document.createElement('div');
  t.className = 's-item__title';
  const span = document.createElement('span');
  span.textContent = title;
  t.append(span);
  const sub = document.createElement('div');
  sub.className = 's-item__subtitle';
  sub.textContent = condition;
  const p = document.createElement('span');
  p.className = 's-item__price';
  p.textContent = price;
  const s = document.createElement('span');
  s.className = 's-item__seller';
  s.dataset.seller = seller;
  s.textContent = seller;
  li.append(t, sub, p, s);
  return li;
}

let loaded = false;
function maybeLoadMore() {
  if (loaded) return;
  if (window.scrollY + window.innerHeight < document.body.scrollHeight - 300) return;
  loaded = true;
  const list = document.querySelector('.srp-results');
  // Rendered one by one, as frameworks often do, to exercise batching.
  for (const item of nextPage) list.append(renderItem(item));
  document.querySelector('.srp-more').textContent = 'No more results';
}
window.addEventListener('scroll', maybeLoadMore, {passive: true});
