// Keeps the "budget used" amount of a ballot up to date as projects are ticked. The page works
// without it: the total is also shown when the ballot is checked.
(function () {
  const form = document.querySelector('form[data-budget-total]');
  const amount = document.getElementById('budget-used-amount');
  if (!form || !amount) return;
  const total = Number(form.dataset.budgetTotal);
  const fmt = new Intl.NumberFormat(document.documentElement.lang || 'it');
  form.addEventListener('change', () => {
    let used = 0;
    form.querySelectorAll('input[type=checkbox][data-cost]:checked').forEach((c) => { used += Number(c.dataset.cost); });
    amount.textContent = fmt.format(used) + ' €';
    amount.classList.toggle('over', used > total);
  });
})();
