package main

import (
	"errors"
	"fmt"

	"github.com/vmware/govmomi/vapi/vcenter"
)

// listVMs: the VMs, through rest.Client on /api (govmomi 0.24 has no typed VM client).
func (r *run) listVMs() {
	step("vm.list", func() (interface{}, error) {
		var vms []struct {
			VM string `json:"vm"`
		}
		if err := r.get("/api/vcenter/vm", &vms); err != nil {
			return nil, err
		}
		if len(vms) < 2 {
			return nil, fmt.Errorf("%d VMs listed, want at least 2", len(vms))
		}
		r.vm, r.vm2 = vms[0].VM, vms[1].VM
		out := []string{}
		for _, v := range vms {
			out = append(out, v.VM)
		}
		return out, nil
	})
}

func (r *run) vmGet(id string) (interface{}, error) {
	if err := needs(id); err != nil {
		return nil, err
	}
	var info struct {
		Name       string `json:"name"`
		PowerState string `json:"power_state"`
	}
	err := r.get("/api/vcenter/vm/"+id, &info)
	return map[string]interface{}{"name": info.Name, "power_state": info.PowerState}, err
}

// deployItem deploys a library item into the first resource pool (vapi/vcenter).
func (r *run) deployItem(item, name string) (string, error) {
	if err := needs(item, r.pool); err != nil {
		return "", err
	}
	ref, err := r.om.DeployLibraryItem(r.ctx, item, vcenter.Deploy{
		DeploymentSpec: vcenter.DeploymentSpec{Name: name, AcceptAllEULA: true},
		Target:         vcenter.Target{ResourcePoolID: r.pool},
	})
	if err != nil {
		return "", err
	}
	if ref.Type != "VirtualMachine" {
		return "", fmt.Errorf("deployed a %s, not a VirtualMachine", ref.Type)
	}
	return ref.Value, nil
}

// deploy: the uploaded item deployed as a VM and powered on and off; a VM captured as an OVF item and deployed back.
func (r *run) deploy() {
	step("resource_pool.list", func() (interface{}, error) {
		var rp []struct {
			ResourcePool string `json:"resource_pool"`
		}
		if err := r.get("/api/vcenter/resource-pool", &rp); err != nil {
			return nil, err
		}
		if len(rp) == 0 {
			return nil, errors.New("no resource pool")
		}
		r.pool = rp[0].ResourcePool
		return r.pool, nil
	})
	step("ovf.deploy", func() (interface{}, error) {
		id, err := r.deployItem(r.item, "govmomi-deployed")
		r.deployed = id
		return id, err
	})
	step("vm.get", func() (interface{}, error) { return r.vmGet(r.vm) })
	step("vm.get.deployed", func() (interface{}, error) { return r.vmGet(r.deployed) })
	power := func(action string) func() (interface{}, error) {
		return func() (interface{}, error) {
			if err := needs(r.deployed); err != nil {
				return nil, err
			}
			if err := r.post("/api/vcenter/vm/"+r.deployed+"/power", action); err != nil {
				return nil, err
			}
			return r.vmGet(r.deployed)
		}
	}
	step("vm.power.start", power("start"))
	step("vm.power.stop", power("stop"))

	// What govc library.clone -vm does: capture a VM into the library as an OVF item.
	step("ovf.create", func() (interface{}, error) {
		if err := needs(r.vm, r.lib); err != nil {
			return nil, err
		}
		id, err := r.om.CreateOVF(r.ctx, vcenter.OVF{
			Spec:   vcenter.CreateSpec{Name: "govmomi-captured"},
			Source: vcenter.ResourceID{Value: r.vm},
			Target: vcenter.LibraryTarget{LibraryID: r.lib},
		})
		if err != nil {
			return nil, err
		}
		r.captured = id
		i, err := r.lm.GetLibraryItem(r.ctx, id)
		if err != nil {
			return nil, err
		}
		return map[string]interface{}{"id": id, "name": i.Name, "library_id": i.LibraryID}, nil
	})
	step("ovf.deploy.captured", func() (interface{}, error) {
		id, err := r.deployItem(r.captured, "govmomi-from-capture")
		if err != nil {
			return nil, err
		}
		return r.vmGet(id)
	})
}
